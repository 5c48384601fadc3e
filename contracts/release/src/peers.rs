//! What the release contract learns from its peers: CTR roles, keys and the members log
//! head by raw reads of membership, the audit gate by a smart query of the registry, and
//! council-vote's next proposal id by a raw read.

use berty_hashlog::LogHead;
use berty_interface::audit_registry::{AuditGateResponse, QueryMsg as RegistryQuery};
use berty_interface::council_vote::ExecuteMsg as CouncilMsg;
use berty_interface::keys::{next_proposal_id, MembershipReader};
use berty_interface::Role;
use cosmwasm_std::{
    to_json_binary, Addr, Binary, DepsMut, MessageInfo, QuerierWrapper, StdResult, WasmMsg,
};

use crate::error::ContractError;
use crate::state::{Config, CONFIG};

pub const CTR: &str = "a core team representative";

fn membership(config: &Config) -> MembershipReader {
    MembershipReader(config.membership.clone())
}

/// Whether `addr` is a CTR now: one raw read.
pub fn is_ctr(querier: &QuerierWrapper, config: &Config, addr: &Addr) -> StdResult<bool> {
    let record = membership(config).record(querier, addr)?;
    Ok(record.is_some_and(|r| r.role == Role::CoreTeamRep))
}

/// `Unauthorized` unless `sender` is a CTR now.
pub fn assert_ctr(
    querier: &QuerierWrapper,
    config: &Config,
    sender: &Addr,
) -> Result<(), ContractError> {
    if !is_ctr(querier, config, sender)? {
        return Err(ContractError::Unauthorized {
            sender: sender.clone(),
            required: CTR,
        });
    }
    Ok(())
}

/// The guard of CTR messages: the sender is a CTR now (checked first), then no funds.
pub fn ctr_only(deps: &DepsMut, info: &MessageInfo) -> Result<Config, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    assert_ctr(&deps.querier, &config, &info.sender)?;
    cw_utils::nonpayable(info)?;
    Ok(config)
}

/// Whether `addr` was a CTR in block `height`, as membership's snapshots can tell: at its
/// end (the start of `height + 1`: granted in that block) or at its start (revoked later
/// in that block). A proposal made in between passed `propose`'s own CTR check, and the
/// trail verifier likewise accepts a role held at some moment of the block.
pub fn was_ctr(
    querier: &QuerierWrapper,
    config: &Config,
    addr: &Addr,
    height: u64,
) -> StdResult<bool> {
    let reader = membership(config);
    let ctr = Some(Role::CoreTeamRep);
    Ok(reader.role_at(querier, addr, height + 1)? == ctr
        || reader.role_at(querier, addr, height)? == ctr)
}

pub fn pubkey(querier: &QuerierWrapper, config: &Config, addr: &Addr) -> StdResult<Option<Binary>> {
    membership(config).pubkey(querier, addr)
}

pub fn members_log_head(
    querier: &QuerierWrapper,
    config: &Config,
    chain_id: &str,
) -> StdResult<LogHead> {
    membership(config).members_log_head(querier, chain_id)
}

pub fn audit_gate(
    querier: &QuerierWrapper,
    config: &Config,
    release_id: &str,
) -> StdResult<AuditGateResponse> {
    querier.query_wasm_smart(
        config.audit_registry.clone(),
        &RegistryQuery::AuditGate {
            release_id: release_id.to_string(),
        },
    )
}

pub fn next_vote_id(querier: &QuerierWrapper, config: &Config) -> StdResult<u64> {
    next_proposal_id(querier, &config.council_vote)
}

pub fn open_release_vote(config: &Config, release_id: &str) -> StdResult<WasmMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: config.council_vote.to_string(),
        msg: to_json_binary(&CouncilMsg::OpenReleaseVote {
            release_id: release_id.to_string(),
        })?,
        funds: vec![],
    })
}
