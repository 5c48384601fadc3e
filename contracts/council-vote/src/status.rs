//! A proposal's status as users see it, and its stored form. A proposal decided by a
//! ballot is stored decided; one that reaches its deadline undecided is decided from that
//! moment on (computed), and stored so by the next `close` or `execute`.

use berty_interface::council_vote::{ProposalStatus, Rejection};
use berty_interface::tally::{final_outcome, Outcome};
use cosmwasm_std::{StdResult, Storage, Timestamp};

use crate::error::ContractError;
use crate::state::{status_code, Proposal, STATUS_INDEX};

/// Open while `now < deadline` and undecided (SPEC section 4: windows are half-open).
pub fn current(proposal: &Proposal, now: Timestamp) -> (ProposalStatus, Option<Rejection>) {
    if proposal.status != ProposalStatus::Open || now < proposal.deadline {
        return (proposal.status, proposal.rejection);
    }
    decided(final_outcome(&proposal.rules, &proposal.tally))
}

pub fn decided(outcome: Outcome) -> (ProposalStatus, Option<Rejection>) {
    match outcome {
        Outcome::Passed => (ProposalStatus::Passed, None),
        Outcome::Rejected(rejection) => (ProposalStatus::Rejected, Some(rejection)),
    }
}

/// Sets the stored status, keeping the status index in step.
pub fn store_status(
    store: &mut dyn Storage,
    id: u64,
    proposal: &mut Proposal,
    (status, rejection): (ProposalStatus, Option<Rejection>),
) -> StdResult<()> {
    if proposal.status != status {
        STATUS_INDEX.remove(store, (status_code(proposal.status), id));
        STATUS_INDEX.save(store, (status_code(status), id), &())?;
    }
    proposal.status = status;
    proposal.rejection = rejection;
    Ok(())
}

pub fn load(store: &dyn Storage, proposal_id: u64) -> Result<Proposal, ContractError> {
    Proposal::may_load(store, proposal_id)?.ok_or(ContractError::ProposalNotFound { proposal_id })
}
