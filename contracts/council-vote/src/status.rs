//! A proposal's status as users see it, and its stored form. A proposal decided by a
//! ballot is stored decided; one that reaches its deadline undecided is decided from that
//! moment on (computed), and stored so by the next `close` or `execute`. A passed
//! governance proposal is `expired` once its execution window has passed (computed, never
//! stored).

use berty_interface::council_vote::{ProposalKind, ProposalStatus, Rejection};
use berty_interface::tally::{final_outcome, Outcome};
use cosmwasm_std::{Storage, Timestamp};

use crate::error::ContractError;
use crate::proposal::Proposal;

/// What a proposal shows at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Current {
    pub status: ProposalStatus,
    pub rejection: Option<Rejection>,
    /// When it was decided: the deciding ballot's block time, or the deadline.
    pub decided_at: Option<Timestamp>,
}

impl Current {
    /// Until when a passed governance proposal may run: its decision plus the window.
    pub fn execution_deadline(&self, proposal: &Proposal) -> Option<Timestamp> {
        match (proposal.kind, self.status, self.decided_at) {
            (
                ProposalKind::Governance,
                ProposalStatus::Passed | ProposalStatus::Expired | ProposalStatus::Executed,
                Some(at),
            ) => Some(Timestamp::from_nanos(
                at.nanos().saturating_add(
                    proposal
                        .rules
                        .execution_window
                        .saturating_mul(1_000_000_000),
                ),
            )),
            _ => None,
        }
    }
}

/// Open while `now < deadline` and undecided (SPEC section 4: windows are half-open).
pub fn current(proposal: &Proposal, now: Timestamp) -> Current {
    let mut current = if proposal.status == ProposalStatus::Open && now >= proposal.deadline {
        decided(
            final_outcome(&proposal.rules, &proposal.tally),
            proposal.deadline,
        )
    } else {
        Current {
            status: proposal.status,
            rejection: proposal.rejection,
            // decisions stored before times were kept: the deadline at the latest
            decided_at: proposal
                .decided_at
                .or((proposal.status != ProposalStatus::Open).then_some(proposal.deadline)),
        }
    };
    let expired = current
        .execution_deadline(proposal)
        .is_some_and(|deadline| current.status == ProposalStatus::Passed && now >= deadline);
    if expired {
        current.status = ProposalStatus::Expired;
    }
    current
}

pub fn decided(outcome: Outcome, at: Timestamp) -> Current {
    match outcome {
        Outcome::Passed => Current {
            status: ProposalStatus::Passed,
            rejection: None,
            decided_at: Some(at),
        },
        Outcome::Rejected(rejection) => Current {
            status: ProposalStatus::Rejected,
            rejection: Some(rejection),
            decided_at: Some(at),
        },
    }
}

/// Stores a decision in the proposal (the caller saves its state and moves its list entry).
/// `expired` is stored as the `passed` it is.
pub fn store(proposal: &mut Proposal, decision: Current) {
    proposal.status = match decision.status {
        ProposalStatus::Expired => ProposalStatus::Passed,
        status => status,
    };
    proposal.rejection = decision.rejection;
    proposal.decided_at = decision.decided_at;
}

pub fn load(store: &dyn Storage, proposal_id: u64) -> Result<Proposal, ContractError> {
    Proposal::may_load(store, proposal_id)?.ok_or(ContractError::ProposalNotFound { proposal_id })
}
