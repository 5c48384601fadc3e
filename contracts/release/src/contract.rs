//! Entry points: each execute arm hands its message to the module that owns it.

use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};

use berty_interface::migrate;

use crate::candidate;
use crate::config;
use crate::error::ContractError;
use crate::lifecycle;
use crate::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use crate::query;

pub const CONTRACT_NAME: &str = env!("CARGO_PKG_NAME");
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    config::create(deps, msg)
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::Propose(msg) => candidate::propose(deps, env, info, msg),
        ExecuteMsg::Withdraw(msg) => candidate::withdraw(deps, env, info, msg),
        ExecuteMsg::SubmitForVote { release_id } => {
            lifecycle::submit_for_vote(deps, env, info, release_id)
        }
        ExecuteMsg::RecordCouncilDecision(msg) => {
            lifecycle::record_council_decision(deps, env, info, msg)
        }
        ExecuteMsg::Finalize(msg) => lifecycle::finalize(deps, env, info, msg),
        ExecuteMsg::AttestPublication(msg) => lifecycle::attest_publication(deps, env, info, msg),
        ExecuteMsg::UpdateConfig(msg) => config::update_config(deps, info, msg),
    }
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?)?,
        QueryMsg::Release { release_id } => {
            to_json_binary(&query::release(deps, &env, release_id)?)?
        }
        QueryMsg::Releases {
            status,
            start_after,
            limit,
        } => to_json_binary(&query::releases(deps, &env, status, start_after, limit)?)?,
        QueryMsg::Gates { release_id } => to_json_binary(&query::gates(deps, &env, release_id)?)?,
        QueryMsg::Trail {
            release_id,
            start_after,
            limit,
        } => to_json_binary(&query::trail(deps, &env, release_id, start_after, limit)?)?,
        QueryMsg::TrailHead { release_id } => {
            to_json_binary(&query::trail_head(deps, &env, release_id)?)?
        }
        QueryMsg::LatestRelease {} => to_json_binary(&query::latest_release(deps, &env)?)?,
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
