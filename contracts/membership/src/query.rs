//! Typed queries; lists are bounded pages.

use berty_hashlog::LogHead;
use berty_interface::membership::{
    ConfigResponse, CountsResponse, MemberLogResponse, MemberResponse, MembersResponse,
    RoleMembersResponse,
};
use berty_interface::paginate::page_limit;
use berty_interface::{College, Role, RoleFilter};
use cosmwasm_std::{Addr, Deps, Env, Order, StdResult};
use cw_storage_plus::Bound;

use crate::error::ContractError;
use crate::state::{
    BARRED, CONFIG, COUNTS, MEMBERS, MEMBERS_LOG, MEMBERS_LOG_KEY, PUBKEYS, ROLE_INDEX,
};
use berty_interface::validate::validate_addr;

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let config = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        owner: config.owner,
        pending_owner: config.pending_owner,
        auditor_registrar: config.auditor_registrar,
    })
}

pub fn member(
    deps: Deps,
    addr: String,
    at_height: Option<u64>,
) -> Result<MemberResponse, ContractError> {
    let addr = validate_addr(deps.api, &addr)?;
    let record = match at_height {
        Some(height) => MEMBERS.may_load_at_height(deps.storage, &addr, height)?,
        None => MEMBERS.may_load(deps.storage, &addr)?,
    };
    Ok(answer(deps, addr, record.map(|r| r.role))?)
}

fn answer(deps: Deps, addr: Addr, role: Option<Role>) -> StdResult<MemberResponse> {
    Ok(MemberResponse {
        pubkey: PUBKEYS.may_load(deps.storage, &addr)?,
        barred: BARRED.has(deps.storage, &addr),
        role,
        addr,
    })
}

pub fn members(
    deps: Deps,
    role: Option<RoleFilter>,
    college: Option<College>,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<MembersResponse, ContractError> {
    let limit = page_limit(limit);
    let start = start_after
        .map(|a| validate_addr(deps.api, &a))
        .transpose()?;
    let Some(roles) = RoleFilter::roles(role, college) else {
        return Ok(MembersResponse { members: vec![] });
    };
    let page: Vec<(Addr, Role)> = if roles.len() == Role::ALL.len() {
        MEMBERS
            .range(
                deps.storage,
                start.as_ref().map(Bound::exclusive),
                None,
                Order::Ascending,
            )
            .take(limit)
            .map(|item| item.map(|(addr, record)| (addr, record.role)))
            .collect::<StdResult<_>>()?
    } else {
        // Each selected role's first `limit` addresses after `start`, merged by address:
        // at most four bounded scans.
        let mut merged = Vec::new();
        for role in roles {
            for addr in ROLE_INDEX
                .prefix(role.code())
                .keys(
                    deps.storage,
                    start.as_ref().map(Bound::exclusive),
                    None,
                    Order::Ascending,
                )
                .take(limit)
            {
                merged.push((addr?, role));
            }
        }
        merged.sort();
        merged.truncate(limit);
        merged
    };
    let members = page
        .into_iter()
        .map(|(addr, role)| answer(deps, addr, Some(role)))
        .collect::<StdResult<_>>()?;
    Ok(MembersResponse { members })
}

/// One role's holders by address, keys only: one bounded range of the role index.
pub fn role_members(
    deps: Deps,
    role: Role,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<RoleMembersResponse, ContractError> {
    let start = start_after
        .map(|a| validate_addr(deps.api, &a))
        .transpose()?;
    let members = ROLE_INDEX
        .prefix(role.code())
        .keys(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .collect::<StdResult<_>>()?;
    Ok(RoleMembersResponse { members })
}

pub fn counts(deps: Deps, at_height: Option<u64>) -> StdResult<CountsResponse> {
    let counts = match at_height {
        Some(height) => COUNTS.may_load_at_height(deps.storage, height)?,
        None => COUNTS.may_load(deps.storage)?,
    };
    Ok(counts.unwrap_or_default().into())
}

pub fn member_log(
    deps: Deps,
    env: &Env,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<MemberLogResponse> {
    MEMBERS_LOG.page(
        deps.storage,
        env,
        MEMBERS_LOG_KEY,
        start_after,
        page_limit(limit),
    )
}

pub fn member_log_head(deps: Deps, env: &Env) -> StdResult<LogHead> {
    MEMBERS_LOG.head(deps.storage, env, MEMBERS_LOG_KEY)
}
