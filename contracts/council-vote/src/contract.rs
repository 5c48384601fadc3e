//! Entry points: each execute arm hands its message to the module that owns it.

use berty_interface::migrate;
use berty_interface::validate::validate_addr;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};

use crate::error::ContractError;
use crate::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use crate::rules::validate_pair;
use crate::state::{Config, CONFIG, GOVERNANCE_RULES, NEXT_PROPOSAL_ID, RULES};
use crate::{close, governance, lists, propose, query, vote};

pub const CONTRACT_NAME: &str = env!("CARGO_PKG_NAME");
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Never queries a peer: with `instantiate2` the peers may not exist yet (SPEC section 2).
#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    let InstantiateMsg {
        membership,
        release,
        rules,
        governance_rules,
    } = msg;
    let config = Config {
        membership: validate_addr(deps.api, &membership)?,
        release: validate_addr(deps.api, &release)?,
    };
    let (rules, governance_rules) = validate_pair(rules, governance_rules)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    CONFIG.save(deps.storage, &config)?;
    RULES.save(deps.storage, &rules)?;
    GOVERNANCE_RULES.save(deps.storage, &governance_rules)?;
    NEXT_PROPOSAL_ID.save(deps.storage, &1)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("membership", config.membership)
        .add_attribute("release", config.release))
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::Propose(msg) => propose::propose(deps, env, info, msg),
        ExecuteMsg::OpenReleaseVote { release_id } => {
            propose::open_release_vote(deps, env, info, release_id)
        }
        ExecuteMsg::Vote(msg) => vote::vote(deps, env, info, msg),
        ExecuteMsg::Close { proposal_id } => close::close(deps, env, info, proposal_id),
        ExecuteMsg::Execute { proposal_id } => {
            close::execute_proposal(deps, env, info, proposal_id)
        }
        ExecuteMsg::UpdateRules(msg) => governance::update_rules(deps, env, info, msg),
        ExecuteMsg::UpdateConfig(msg) => governance::update_config(deps, env, info, msg),
    }
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Rules {} => to_json_binary(&query::rules(deps)?)?,
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?)?,
        QueryMsg::Proposal { proposal_id } => {
            to_json_binary(&query::proposal(deps, &env, proposal_id)?)?
        }
        QueryMsg::Proposals {
            status,
            start_after,
            limit,
        } => to_json_binary(&query::proposals(deps, &env, status, start_after, limit)?)?,
        QueryMsg::Ballot { proposal_id, voter } => {
            to_json_binary(&query::ballot(deps, &env, proposal_id, voter)?)?
        }
        QueryMsg::Ballots {
            proposal_id,
            start_after,
            limit,
        } => to_json_binary(&query::ballots(
            deps,
            &env,
            proposal_id,
            start_after,
            limit,
        )?)?,
        QueryMsg::BallotLog {
            proposal_id,
            start_after,
            limit,
        } => to_json_binary(&query::ballot_log(
            deps,
            &env,
            proposal_id,
            start_after,
            limit,
        )?)?,
        QueryMsg::BallotLogHead { proposal_id } => {
            to_json_binary(&query::ballot_log_head(deps, &env, proposal_id)?)?
        }
        QueryMsg::MemberParticipation { start_after, limit } => {
            to_json_binary(&query::member_participation(deps, start_after, limit)?)?
        }
    })
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let response = migrate::migrate(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    // the first version's status index becomes the status lists
    let listed = lists::migrate_legacy_index(deps.storage)?;
    Ok(response.add_attribute("listed", listed.to_string()))
}
