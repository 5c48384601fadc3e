//! After the vote: `close` delivers a release decision (once); `execute` runs a passed
//! governance proposal (once). Both store a decision the deadline made.

use berty_interface::council_vote::{ProposalKind, ProposalStatus};
use berty_interface::release::ExecuteMsg as ReleaseMsg;
use berty_interface::release::RecordCouncilDecisionMsg;
use cosmwasm_std::{to_json_binary, DepsMut, Env, MessageInfo, Response, WasmMsg};

use crate::error::ContractError;
use crate::lists;
use crate::state::{CONFIG, PROPOSAL_TEXTS};
use crate::status::{self, Current};

/// Anyone, once decided or past the deadline. A release vote sends the release contract
/// `record_council_decision` with the tally and the ballots log's head.
pub fn close(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    proposal_id: u64,
) -> Result<Response, ContractError> {
    let mut proposal = status::load(deps.storage, proposal_id)?;
    cw_utils::nonpayable(&info)?;
    let listed = lists::entry_key(proposal_id, &proposal);
    let decision = status::current(&proposal, env.block.time);
    if decision.status == ProposalStatus::Open {
        return Err(ContractError::NotDecided { proposal_id });
    }
    if proposal.closed {
        return Err(ContractError::AlreadyClosed { proposal_id });
    }
    status::store(&mut proposal, decision);
    proposal.closed = true;
    proposal.save_state(deps.storage, proposal_id)?;
    lists::update(deps.storage, proposal_id, &listed, &proposal);
    let response = Response::new()
        .add_attribute("action", "close")
        .add_attribute("proposal_id", proposal_id.to_string())
        .add_attribute("status", decision.status.as_str());
    if proposal.kind != ProposalKind::Release {
        return Ok(response);
    }
    let release_id = PROPOSAL_TEXTS
        .load(deps.storage, proposal_id)?
        .release_id
        .unwrap_or_default();
    let head = proposal.ballots_log_head(&env, proposal_id);
    let decision = ReleaseMsg::RecordCouncilDecision(RecordCouncilDecisionMsg {
        release_id: release_id.clone(),
        proposal_id,
        passed: proposal.status == ProposalStatus::Passed,
        tally: proposal.tally,
        rules: proposal.rules,
        ballots_head: head.head,
        ballots_count: head.length,
    });
    let message = WasmMsg::Execute {
        contract_addr: CONFIG.load(deps.storage)?.release.into_string(),
        msg: to_json_binary(&decision)?,
        funds: vec![],
    };
    Ok(response
        .add_attribute("release_id", release_id)
        .add_message(message))
}

/// Anyone, once, for a passed governance proposal within its execution window. The
/// messages run as this contract's own; if one fails, the whole `execute` fails and the
/// proposal stays `passed`.
pub fn execute_proposal(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    proposal_id: u64,
) -> Result<Response, ContractError> {
    let mut proposal = status::load(deps.storage, proposal_id)?;
    cw_utils::nonpayable(&info)?;
    if proposal.kind != ProposalKind::Governance {
        return Err(ContractError::NotGovernance { proposal_id });
    }
    let listed = lists::entry_key(proposal_id, &proposal);
    let current = status::current(&proposal, env.block.time);
    match current.status {
        ProposalStatus::Passed => {}
        ProposalStatus::Executed => return Err(ContractError::AlreadyExecuted { proposal_id }),
        ProposalStatus::Expired => {
            return Err(ContractError::Expired {
                proposal_id,
                execution_deadline: current.execution_deadline(&proposal).unwrap_or_default(),
            })
        }
        status => {
            return Err(ContractError::NotPassed {
                proposal_id,
                status,
            })
        }
    }
    status::store(
        &mut proposal,
        Current {
            status: ProposalStatus::Executed,
            rejection: None,
            decided_at: current.decided_at,
        },
    );
    proposal.save_state(deps.storage, proposal_id)?;
    lists::update(deps.storage, proposal_id, &listed, &proposal);
    let msgs = PROPOSAL_TEXTS.load(deps.storage, proposal_id)?.msgs;
    Ok(Response::new()
        .add_attribute("action", "execute")
        .add_attribute("proposal_id", proposal_id.to_string())
        .add_attribute("status", ProposalStatus::Executed.as_str())
        .add_attribute("messages", msgs.len().to_string())
        .add_messages(msgs))
}
