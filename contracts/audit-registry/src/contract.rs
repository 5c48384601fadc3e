//! Entry points: each execute arm hands its message to the module that owns it.

use berty_interface::migrate;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};

use crate::bond;
use crate::config::{self, check_instantiate};
use crate::dispute;
use crate::error::ContractError;
use crate::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use crate::query;
use crate::report;
use crate::state::CONFIG;

pub const CONTRACT_NAME: &str = env!("CARGO_PKG_NAME");
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Never queries a peer: with instantiate2 they may not exist yet.
#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    let config = check_instantiate(deps.api, msg)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    CONFIG.save(deps.storage, &config)?;
    let mode = if config.staking.is_some() {
        "staked"
    } else {
        "whitelist"
    };
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("governance", config.governance)
        .add_attribute("mode", mode))
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::Bond {} => bond::bond(deps, info),
        ExecuteMsg::Unbond { amount } => bond::unbond(deps, env, info, amount),
        ExecuteMsg::Claim {} => bond::claim(deps, env, info),
        ExecuteMsg::SubmitReport(msg) => report::submit_report(deps, env, info, msg),
        ExecuteMsg::ChallengeReport(msg) => dispute::challenge_report(deps, info, msg),
        ExecuteMsg::ResolveChallenge(msg) => dispute::resolve_challenge(deps, env, info, msg),
        ExecuteMsg::Appeal { challenge_id } => dispute::appeal(deps, env, info, challenge_id),
        ExecuteMsg::Rule(msg) => dispute::rule(deps, env, info, msg),
        ExecuteMsg::ExecuteSlash { challenge_id } => {
            dispute::execute_slash(deps, env, info, challenge_id)
        }
        ExecuteMsg::UpdateConfig(msg) => config::update_config(deps, info, msg),
        ExecuteMsg::TransferOwnership { new_owner } => {
            config::transfer_ownership(deps, info, new_owner)
        }
        ExecuteMsg::AcceptOwnership {} => config::accept_ownership(deps, info),
    }
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?)?,
        QueryMsg::Report {
            release_id,
            auditor,
        } => to_json_binary(&query::report(deps, &env, release_id, auditor)?)?,
        QueryMsg::Reports {
            release_id,
            start_after,
            limit,
        } => to_json_binary(&query::reports(deps, &env, release_id, start_after, limit)?)?,
        QueryMsg::ReportHistory {
            release_id,
            auditor,
            start_after,
            limit,
        } => to_json_binary(&query::report_history(
            deps,
            &env,
            release_id,
            auditor,
            start_after,
            limit,
        )?)?,
        QueryMsg::AuditGate { release_id } => {
            to_json_binary(&query::audit_gate(deps, &env, release_id)?)?
        }
        QueryMsg::Stake { auditor } => to_json_binary(&query::stake(deps, auditor)?)?,
        QueryMsg::Challenge { challenge_id } => {
            to_json_binary(&query::challenge(deps, &env, challenge_id)?)?
        }
        QueryMsg::Challenges {
            auditor,
            status,
            start_after,
            limit,
        } => to_json_binary(&query::challenges(
            deps,
            &env,
            auditor,
            status,
            start_after,
            limit,
        )?)?,
        QueryMsg::ReportLog {
            release_id,
            start_after,
            limit,
        } => to_json_binary(&query::report_log(
            deps,
            &env,
            release_id,
            start_after,
            limit,
        )?)?,
        QueryMsg::ReportLogHead { release_id } => {
            to_json_binary(&query::report_log_head(deps, &env, release_id)?)?
        }
    })
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    Ok(migrate::migrate(
        deps.storage,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?)
}
