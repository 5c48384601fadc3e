//! The release log, and the facts answers read back from its events (each fact is stored
//! once, in the event that recorded it).

use berty_hashlog::{Event, LogName, NewEvent};
use berty_interface::release::{
    Artifact, BuildInfo, CouncilDecision, Publication, ReleaseEventData, ReleaseEventKind,
};
use cosmwasm_std::{Addr, Attribute, Binary, Env, StdError, StdResult, Storage, Timestamp};

use crate::state::RELEASE_LOG;

pub type ReleaseEvent = Event<ReleaseEventKind, ReleaseEventData>;

/// Appends one event to the release's trail; returns its seq.
pub fn append(
    store: &mut dyn Storage,
    env: &Env,
    release_id: &str,
    actor: &Addr,
    pubkey: Option<Binary>,
    kind: ReleaseEventKind,
    data: ReleaseEventData,
) -> StdResult<u64> {
    let head = RELEASE_LOG.append(
        store,
        env,
        release_id,
        NewEvent {
            actor: actor.clone(),
            pubkey,
            kind,
            data,
        },
    )?;
    Ok(head.length - 1)
}

/// The `log` and `seq` attributes of the event `seq` an execute appended (SPEC section 5).
pub fn attributes(seq: u64) -> Vec<Attribute> {
    LogName::Release.attributes(seq..seq + 1)
}

/// The event `seq` of the release's trail.
pub fn event_at(
    store: &dyn Storage,
    env: &Env,
    release_id: &str,
    seq: u64,
) -> StdResult<ReleaseEvent> {
    RELEASE_LOG
        .page(store, env, release_id, seq.checked_sub(1), 1)?
        .events
        .pop()
        .filter(|entry| entry.event.seq == seq)
        .map(|entry| entry.event)
        .ok_or_else(|| StdError::msg(format!("no event {seq} in the trail of {release_id}")))
}

fn unexpected(seq: u64) -> StdError {
    StdError::msg(format!("trail event {seq} is not of the kind recorded"))
}

/// What the `proposed` event (always seq 0) says.
pub struct Candidate {
    pub proposer: Addr,
    pub proposed_height: u64,
    pub proposed_at: Timestamp,
    pub version: String,
    pub source_uri: String,
    pub commit: Option<String>,
    pub notes_uri: Option<String>,
}

pub fn candidate(store: &dyn Storage, env: &Env, release_id: &str) -> StdResult<Candidate> {
    let event = event_at(store, env, release_id, 0)?;
    match event.data {
        ReleaseEventData::Proposed {
            version,
            source_uri,
            commit,
            notes_uri,
            ..
        } => Ok(Candidate {
            proposer: event.actor,
            proposed_height: event.height,
            proposed_at: event.time,
            version,
            source_uri,
            commit,
            notes_uri,
        }),
        _ => Err(unexpected(0)),
    }
}

pub fn decision(
    store: &dyn Storage,
    env: &Env,
    release_id: &str,
    seq: u64,
) -> StdResult<CouncilDecision> {
    match event_at(store, env, release_id, seq)?.data {
        ReleaseEventData::Decision {
            proposal_id,
            passed,
            tally,
            ballots_log,
            rules,
        } => Ok(CouncilDecision {
            proposal_id,
            passed,
            tally,
            rules,
            ballots_head: ballots_log.head,
            ballots_count: ballots_log.length,
        }),
        _ => Err(unexpected(seq)),
    }
}

/// The finalized artifacts, the build and the time of release.
pub fn finalization(
    store: &dyn Storage,
    env: &Env,
    release_id: &str,
    seq: u64,
) -> StdResult<(Vec<Artifact>, BuildInfo, Timestamp)> {
    let event = event_at(store, env, release_id, seq)?;
    match event.data {
        ReleaseEventData::Finalized {
            artifacts, build, ..
        } => Ok((artifacts, build, event.time)),
        _ => Err(unexpected(seq)),
    }
}

pub fn withdrawn_reason(
    store: &dyn Storage,
    env: &Env,
    release_id: &str,
    seq: u64,
) -> StdResult<String> {
    match event_at(store, env, release_id, seq)?.data {
        ReleaseEventData::Withdrawn { reason } => Ok(reason),
        _ => Err(unexpected(seq)),
    }
}

pub fn publication(
    store: &dyn Storage,
    env: &Env,
    release_id: &str,
    seq: u64,
) -> StdResult<Publication> {
    let event = event_at(store, env, release_id, seq)?;
    match event.data {
        ReleaseEventData::Published {
            channel,
            artifact_digest,
            listing_uri,
        } => Ok(Publication {
            channel,
            artifact_digest,
            listing_uri,
            publisher: event.actor,
            time: event.time,
        }),
        _ => Err(unexpected(seq)),
    }
}
