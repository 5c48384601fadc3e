//! Ballots: the hot path. Eligibility and the voter's key are raw reads of membership's
//! storage; only a voter whose role changed at or after the snapshot costs a query.
//! Everything written is a fixed number of entries, whatever the council's size.

use berty_interface::council_vote::{
    BallotEventData, BallotEventKind, CollegeTally, ProposalStatus, Vote,
};
use berty_interface::keys::MembershipReader;
use berty_interface::signing::{signing_digest, BallotSigningPayload};
use berty_interface::validate::{validate_text, TEXT_MAX_BYTES};
use berty_interface::College;
use berty_trail::hash::to_hex;
use berty_trail::{sha256, NewEvent};
use cosmwasm_std::{
    Addr, Binary, Deps, DepsMut, Env, MessageInfo, QuerierWrapper, Response, Storage,
};

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

/// The voter's college at the snapshot, and the height its current seat began when that
/// predates the snapshot. Common path: the record predates the snapshot, so it is the role
/// at the snapshot (one raw read); otherwise membership's snapshot query answers.
fn snapshot_college(
    querier: &QuerierWrapper,
    reader: &MembershipReader,
    voter: &Addr,
    snapshot: u64,
) -> Result<(College, Option<u64>), ContractError> {
    let (role, seat_since) = match reader.record(querier, voter)? {
        Some(record) if record.since < snapshot => (Some(record.role), Some(record.since)),
        _ => (reader.role_at(querier, voter, snapshot)?, None),
    };
    match role.and_then(|role| role.college()) {
        Some(college) => Ok((college, seat_since)),
        None => Err(ContractError::Unauthorized {
            sender: voter.clone(),
            required: "a council member at the proposal's snapshot",
        }),
    }
}

/// A first ballot in the member's current seat counts toward its participation.
fn count_participation(
    store: &mut dyn Storage,
    voter: &Addr,
    seat_since: u64,
) -> Result<(), ContractError> {
    let voted = PARTICIPATION
        .may_load(store, voter)?
        .unwrap_or_default()
        .voted_in_seat(seat_since);
    PARTICIPATION.save(store, voter, &Participation(seat_since, voted + 1))?;
    Ok(())
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
    let (college, seat_since) =
        snapshot_college(&deps.querier, &reader, &voter, proposal.snapshot_height)?;
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

    // the replaced ballot leaves the college it was counted in, which is not this one if
    // governance moved membership meanwhile
    if let Some(previous) = &previous {
        let old = count(proposal.tally.college_mut(previous.college), previous.vote);
        *old = old.saturating_sub(1);
    }
    *count(proposal.tally.college_mut(college), vote) += 1;
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
    if let (None, Some(since)) = (&previous, seat_since) {
        count_participation(deps.storage, &voter, since)?;
    }
    Ok(Response::new()
        .add_attribute("action", "vote")
        .add_attribute("proposal_id", proposal_id.to_string())
        .add_attribute("voter", voter)
        .add_attribute("vote", vote.as_str())
        .add_attribute("college", college.as_str())
        .add_attribute("status", proposal.status.as_str()))
}
