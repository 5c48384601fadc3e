//! Entry points: each execute arm hands its message to the module that owns it.

use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};

use berty_interface::migrate;

use crate::error::ContractError;
use berty_interface::validate::validate_addr;

use crate::members::{self, apply_batch, validate_batch};
use crate::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use crate::owner;
use crate::query;
use crate::state::{Config, CONFIG};

pub const CONTRACT_NAME: &str = env!("CARGO_PKG_NAME");
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    let InstantiateMsg {
        owner,
        auditor_registrar,
        members,
    } = msg;
    let config = Config {
        owner: validate_addr(deps.api, &owner)?,
        pending_owner: None,
        auditor_registrar: auditor_registrar
            .map(|addr| validate_addr(deps.api, &addr))
            .transpose()?,
    };
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    CONFIG.save(deps.storage, &config)?;
    let batch = validate_batch(deps.api, "members", members, vec![])?;
    let applied = apply_batch(deps.storage, &env, &info.sender, batch)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", config.owner)
        .add_attribute("members", applied.changed.to_string())
        .add_attributes(applied.attributes))
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::UpdateMembers { add, remove } => {
            members::update_members(deps, env, info, add, remove)
        }
        ExecuteMsg::GrantAuditor { addr } => members::grant_auditor(deps, env, info, addr),
        ExecuteMsg::RevokeAuditor { addr } => members::revoke_auditor(deps, env, info, addr),
        ExecuteMsg::RegisterPubkey { pubkey } => members::register_pubkey(deps, env, info, pubkey),
        ExecuteMsg::SetRegistrar { addr } => owner::set_registrar(deps, info, addr),
        ExecuteMsg::TransferOwnership { new_owner } => {
            owner::transfer_ownership(deps, info, new_owner)
        }
        ExecuteMsg::AcceptOwnership {} => owner::accept_ownership(deps, info),
    }
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?)?,
        QueryMsg::Member { addr, at_height } => {
            to_json_binary(&query::member(deps, addr, at_height)?)?
        }
        QueryMsg::Members {
            role,
            college,
            start_after,
            limit,
        } => to_json_binary(&query::members(deps, role, college, start_after, limit)?)?,
        QueryMsg::RoleMembers {
            role,
            start_after,
            limit,
        } => to_json_binary(&query::role_members(deps, role, start_after, limit)?)?,
        QueryMsg::Counts { at_height } => to_json_binary(&query::counts(deps, at_height)?)?,
        QueryMsg::MemberLog { start_after, limit } => {
            to_json_binary(&query::member_log(deps, &env, start_after, limit)?)?
        }
        QueryMsg::MemberLogHead {} => to_json_binary(&query::member_log_head(deps, &env)?)?,
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
