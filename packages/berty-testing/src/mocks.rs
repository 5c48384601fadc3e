//! Stand-ins for the audit registry and council-vote (the release contract's is
//! `crate::mock_release`), which a deployment puts at the planned addresses of the
//! contracts a suite does not test: a registry answering `audit_gate` with whatever the
//! test set, and a council-vote that assigns proposal ids under the raw key the interface
//! owns, delivers decisions and forwards governance messages on request. Each takes the
//! planned instantiate message and ignores it.

use berty_interface::audit_registry::{AuditGateResponse, QueryMsg as RegistryQuery};
use berty_interface::council_vote::{ExecuteMsg as CouncilMsg, Rules, Tally};
use berty_interface::keys::NEXT_PROPOSAL_ID;
use berty_interface::release::ExecuteMsg as ReleaseMsg;
use berty_interface::release::RecordCouncilDecisionMsg;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError, StdResult,
    WasmMsg,
};
use cw_multi_test::{Contract, ContractWrapper};
use cw_storage_plus::Map;

const GATES: Map<&str, AuditGateResponse> = Map::new("gates");
/// proposal id -> release id, as opened.
pub const OPENED: Map<u64, String> = Map::new("opened");

#[cw_serde]
pub struct SetGate {
    pub release_id: String,
    pub gate: AuditGateResponse,
}

fn registry_execute(deps: DepsMut, _: Env, _: MessageInfo, msg: SetGate) -> StdResult<Response> {
    GATES.save(deps.storage, &msg.release_id, &msg.gate)?;
    Ok(Response::new())
}

fn registry_query(deps: Deps, _: Env, msg: RegistryQuery) -> StdResult<Binary> {
    match msg {
        RegistryQuery::AuditGate { release_id } => {
            let gate = GATES
                .may_load(deps.storage, &release_id)?
                .ok_or_else(|| StdError::msg(format!("no gate set for {release_id}")))?;
            to_json_binary(&gate)
        }
        _ => Err(StdError::msg("the mock registry answers audit_gate only")),
    }
}

/// Any instantiate message (the plan's, for the contract the mock stands in for).
pub(crate) fn any_instantiate(
    _: DepsMut,
    _: Env,
    _: MessageInfo,
    _: serde_json::Value,
) -> StdResult<Response> {
    Ok(Response::new())
}

pub fn registry() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        registry_execute,
        any_instantiate,
        registry_query,
    ))
}

/// The mock's own messages, or council-vote's (of which it handles `open_release_vote`).
#[cw_serde]
#[serde(untagged)]
#[schemaifier(mute_warnings)]
pub enum CouncilExecute {
    Mock(CouncilMock),
    Council(CouncilMsg),
}

#[cw_serde]
pub enum CouncilMock {
    /// Delivers `record_council_decision` to `release`.
    Decide {
        release: String,
        release_id: String,
        proposal_id: u64,
        passed: bool,
        tally: Tally,
        ballots_head: String,
        ballots_count: u64,
    },
    /// Sends any message to any contract, as governance executing a proposal would.
    Forward { contract: String, msg: ReleaseMsg },
}

fn council_execute(
    deps: DepsMut,
    _: Env,
    _: MessageInfo,
    msg: CouncilExecute,
) -> StdResult<Response> {
    match msg {
        CouncilExecute::Council(CouncilMsg::OpenReleaseVote { release_id }) => {
            let id = NEXT_PROPOSAL_ID.may_load(deps.storage)?.unwrap_or(1);
            OPENED.save(deps.storage, id, &release_id)?;
            NEXT_PROPOSAL_ID.save(deps.storage, &(id + 1))?;
            Ok(Response::new().add_attribute("proposal_id", id.to_string()))
        }
        CouncilExecute::Council(_) => Err(StdError::msg("the mock council opens votes only")),
        CouncilExecute::Mock(CouncilMock::Decide {
            release,
            release_id,
            proposal_id,
            passed,
            tally,
            ballots_head,
            ballots_count,
        }) => Ok(Response::new().add_message(WasmMsg::Execute {
            contract_addr: release,
            msg: to_json_binary(&ReleaseMsg::RecordCouncilDecision(
                RecordCouncilDecisionMsg {
                    release_id,
                    proposal_id,
                    passed,
                    tally,
                    rules: Rules::default(),
                    ballots_head,
                    ballots_count,
                },
            ))?,
            funds: vec![],
        })),
        CouncilExecute::Mock(CouncilMock::Forward { contract, msg }) => Ok(Response::new()
            .add_message(WasmMsg::Execute {
                contract_addr: contract,
                msg: to_json_binary(&msg)?,
                funds: vec![],
            })),
    }
}

#[cw_serde]
pub enum CouncilQuery {
    /// The release id of an opened vote.
    Opened { proposal_id: u64 },
}

fn council_query(deps: Deps, _: Env, msg: CouncilQuery) -> StdResult<Binary> {
    match msg {
        CouncilQuery::Opened { proposal_id } => {
            to_json_binary(&OPENED.load(deps.storage, proposal_id)?)
        }
    }
}

pub fn council() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        council_execute,
        any_instantiate,
        council_query,
    ))
}
