//! Ballots: the hot path. Eligibility and the voter's key are raw reads of membership's
//! storage (the membership named in the proposal's terms); only a voter whose role changed
//! at or after the snapshot costs a query. A ballot reads the terms, the state, the voter's
//! previous ballot and two raw entries of membership, and writes the state (with the ballots
//! log's head), the ballot record and the log event: three writes, whatever the council's
//! size. Participation is counted by the query, not here.

use berty_hashlog::hash::to_hex;
use berty_hashlog::{sha256, LogName, NewEvent};
use berty_interface::council_vote::{
    BallotEventData, BallotEventKind, CollegeTally, ProposalStatus, Vote, VoteMsg,
};
use berty_interface::keys::MembershipReader;
use berty_interface::signing::{signing_digest, BallotSigningPayload};
use berty_interface::tally::early_outcome;
use berty_interface::validate::{validate_text, TEXT_MAX_BYTES};
use berty_interface::College;
use cosmwasm_std::{Addr, Binary, Deps, DepsMut, Env, MessageInfo, QuerierWrapper, Response};

use crate::ballot::{load_ballot, save_ballot, Ballot};
use crate::error::ContractError;
use crate::lists;
use crate::state::{BALLOTS_LOG, RATIONALES};
use crate::status::{self, decided};

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

/// The voter's college at the snapshot. Common path: the record predates the snapshot, so
/// it is the role at the snapshot (one raw read); otherwise membership's snapshot query
/// answers.
fn snapshot_college(
    querier: &QuerierWrapper,
    reader: &MembershipReader,
    voter: &Addr,
    snapshot: u64,
) -> Result<College, ContractError> {
    let role = match reader.record(querier, voter)? {
        Some(record) if record.since < snapshot => Some(record.role),
        _ => reader.role_at(querier, voter, snapshot)?,
    };
    match role.and_then(|role| role.college()) {
        Some(college) => Ok(college),
        None => Err(ContractError::Unauthorized {
            sender: voter.clone(),
            required: "a council member at the proposal's snapshot",
        }),
    }
}

pub fn vote(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: VoteMsg,
) -> Result<Response, ContractError> {
    let VoteMsg {
        proposal_id,
        vote,
        rationale,
        signature,
    } = msg;
    let mut proposal = status::load(deps.storage, proposal_id)?;
    let listed = lists::entry_key(proposal_id, &proposal);
    let reader = MembershipReader(proposal.membership.clone());
    let voter = info.sender.clone();
    let college = snapshot_college(&deps.querier, &reader, &voter, proposal.snapshot_height)?;
    cw_utils::nonpayable(&info)?;
    if let Some(text) = &rationale {
        validate_text("rationale", text, TEXT_MAX_BYTES)?;
    }
    let current = status::current(&proposal, env.block.time).status;
    if current != ProposalStatus::Open {
        return Err(ContractError::VotingClosed {
            proposal_id,
            status: current,
        });
    }
    let previous = load_ballot(deps.storage, proposal_id, &voter)?;
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
        status::store(&mut proposal, decided(outcome, env.block.time));
    }
    // moves the list entry only when the ballot decided the vote or changed the outcome
    // the tally would give at the deadline
    lists::update(deps.storage, proposal_id, &listed, &proposal);

    let data = BallotEventData {
        voter: voter.clone(),
        college,
        vote,
        rationale_digest: rationale
            .as_ref()
            .map(|text| to_hex(&sha256(text.as_bytes()))),
        signature,
    };
    let event = NewEvent {
        actor: voter.clone(),
        pubkey,
        kind: BallotEventKind::Ballot,
        data,
    };
    let head = proposal.held_head(&env, proposal_id);
    let head =
        BALLOTS_LOG.append_held(deps.storage, &env, &proposal_id.to_string(), head, event)?;
    proposal.ballots_log = Some(head);
    proposal.save_state(deps.storage, proposal_id)?;

    let seq = head.length - 1;
    let ballot = Ballot {
        college,
        vote,
        has_rationale: rationale.is_some(),
        seq,
    };
    save_ballot(deps.storage, proposal_id, &voter, &ballot);
    // a revote without a rationale drops the replaced ballot's text, and only then deletes
    match (rationale, previous.map(|p| p.has_rationale)) {
        (Some(text), _) => RATIONALES.save(deps.storage, (proposal_id, &voter), &text)?,
        (None, Some(true)) => RATIONALES.remove(deps.storage, (proposal_id, &voter)),
        (None, _) => {}
    }
    Ok(Response::new()
        .add_attribute("action", "vote")
        .add_attribute("proposal_id", proposal_id.to_string())
        .add_attribute("voter", voter)
        .add_attribute("vote", vote.as_str())
        .add_attribute("college", college.as_str())
        .add_attribute("status", proposal.status.as_str())
        .add_attributes(LogName::Ballots.attributes(seq..head.length)))
}
