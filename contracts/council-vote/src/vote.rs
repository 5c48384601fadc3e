//! Ballots: the hot path. Eligibility and the voter's key are raw reads of membership's
//! storage; only a voter whose role changed at or after the snapshot costs a query.
//! Everything written is a fixed number of entries, whatever the council's size.

use berty_interface::council_vote::{
    BallotEventData, BallotEventKind, CollegeTally, ProposalStatus, Vote,
};
use berty_interface::keys::MembershipReader;
use berty_interface::signing::{signing_digest, BallotSigningPayload};
use berty_interface::validate::{validate_text, TEXT_MAX_BYTES};
use berty_trail::hash::to_hex;
use berty_trail::{sha256, NewEvent};
use cosmwasm_std::{Addr, Binary, Deps, DepsMut, Env, MessageInfo, Response};

use crate::error::ContractError;
use crate::state::{Ballot, Participation, BALLOTS, BALLOTS_LOG, CONFIG, PARTICIPATION};
use crate::status::{self, decided, store_status};
use crate::tally::early_outcome;

fn count(tally: &mut CollegeTally, vote: Vote) -> &mut u64 {
    match vote {
        Vote::Yes => &mut tally.yes,
        Vote::No => &mut tally.no,
        Vote::Abstain => &mut tally.abstain,
    }
}

/// A signature must be the registered key's over the ballot's canonical digest.
fn verify_signature(
    deps: Deps,
    voter: &Addr,
    pubkey: Option<&Binary>,
    payload: BallotSigningPayload,
    signature: &Binary,
) -> Result<(), ContractError> {
    let Some(pubkey) = pubkey else {
        return Err(ContractError::MissingPubkey {
            voter: voter.clone(),
        });
    };
    let digest = signing_digest(&payload)?;
    // a malformed signature or key is an invalid signature, not a failure of the host
    if deps
        .api
        .secp256k1_verify(&digest, signature, pubkey)
        .unwrap_or(false)
    {
        Ok(())
    } else {
        Err(ContractError::InvalidSignature {
            voter: voter.clone(),
        })
    }
}

pub fn vote(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    proposal_id: u64,
    vote: Vote,
    rationale: Option<String>,
    signature: Option<Binary>,
) -> Result<Response, ContractError> {
    let mut proposal = status::load(deps.storage, proposal_id)?;
    let reader = MembershipReader(CONFIG.load(deps.storage)?.membership);
    let voter = info.sender.clone();
    let snapshot = proposal.snapshot_height;
    // common path: the record predates the snapshot, so it is the role at the snapshot
    let (role, seat_since) = match reader.record(&deps.querier, &voter)? {
        Some(record) if record.since < snapshot => (Some(record.role), Some(record.since)),
        _ => (reader.role_at(&deps.querier, &voter, snapshot)?, None),
    };
    let Some(college) = role.and_then(|role| role.college()) else {
        return Err(ContractError::Unauthorized {
            sender: voter,
            required: "a council member at the proposal's snapshot",
        });
    };
    cw_utils::nonpayable(&info)?;
    if let Some(text) = &rationale {
        validate_text("rationale", text, TEXT_MAX_BYTES)?;
    }
    let (current, _) = status::current(&proposal, env.block.time);
    if current != ProposalStatus::Open {
        return Err(ContractError::VotingClosed {
            proposal_id,
            status: current,
        });
    }
    let previous = BALLOTS.may_load(deps.storage, (proposal_id, &voter))?;
    if previous.is_some() && !proposal.rules.allow_revoting {
        return Err(ContractError::AlreadyVoted { proposal_id, voter });
    }
    let pubkey = reader.pubkey(&deps.querier, &voter)?;
    if let Some(signature) = &signature {
        let payload = BallotSigningPayload {
            chain_id: env.block.chain_id.clone(),
            contract: env.contract.address.to_string(),
            proposal_id,
            vote,
            rationale: rationale.clone(),
        };
        verify_signature(deps.as_ref(), &voter, pubkey.as_ref(), payload, signature)?;
    }

    let tally = proposal.tally.college_mut(college);
    if let Some(previous) = &previous {
        let old = count(tally, previous.vote);
        *old = old.saturating_sub(1);
    }
    *count(tally, vote) += 1;
    if let Some(outcome) = early_outcome(&proposal.rules, &proposal.tally) {
        store_status(deps.storage, proposal_id, &mut proposal, decided(outcome))?;
    }
    proposal.save_state(deps.storage, proposal_id)?;

    let ballot = Ballot {
        college,
        vote,
        rationale: rationale.clone(),
        signature: signature.clone(),
        pubkey: pubkey.clone(),
        height: env.block.height,
    };
    BALLOTS.save(deps.storage, (proposal_id, &voter), &ballot)?;
    let data = BallotEventData {
        voter: voter.clone(),
        college,
        vote,
        rationale_digest: rationale.map(|text| to_hex(&sha256(text.as_bytes()))),
        signature,
    };
    let event = NewEvent {
        actor: voter.clone(),
        pubkey,
        kind: BallotEventKind::Ballot,
        data,
    };
    BALLOTS_LOG.append(deps.storage, &env, &proposal_id.to_string(), event)?;
    // a first ballot in the member's current seat counts toward its participation
    if let (None, Some(since)) = (&previous, seat_since) {
        let voted = PARTICIPATION
            .may_load(deps.storage, &voter)?
            .unwrap_or_default()
            .voted_in_seat(since);
        PARTICIPATION.save(deps.storage, &voter, &Participation(since, voted + 1))?;
    }
    Ok(Response::new()
        .add_attribute("action", "vote")
        .add_attribute("proposal_id", proposal_id.to_string())
        .add_attribute("voter", voter)
        .add_attribute("vote", vote.as_str())
        .add_attribute("college", college.as_str())
        .add_attribute("status", proposal.status.as_str()))
}
