//! A candidate's way through the council to release: submit_for_vote, the council's
//! decision, finalize and app-store attestations.

use berty_hashlog::LogHead;
use berty_interface::audit_registry::AuditGateResponse;
use berty_interface::release::{
    AttestPublicationMsg, FinalizeMsg, GatesResponse, RecordCouncilDecisionMsg,
};
use berty_interface::release::{
    ReleaseEventData, ReleaseEventKind, ReleaseStatus, MAX_PUBLICATIONS,
};
use berty_interface::validate::{validate_digest, validate_label, validate_uri};
use cosmwasm_std::{Deps, DepsMut, Env, MessageInfo, Response, StdError};

use crate::error::ContractError;
use crate::gates::{self, GateInputs};
use crate::peers;
use crate::state::{
    load_release, set_status, Config, ReleaseRecord, CONFIG, LATEST_RELEASE, PUBLICATIONS, RECORDS,
};
use crate::trail;
use crate::validate::{validate_artifacts, validate_build};

fn wrong_status(
    release_id: String,
    status: ReleaseStatus,
    action: &'static str,
    expected: &'static str,
) -> ContractError {
    ContractError::WrongStatus {
        release_id,
        status,
        action,
        expected,
    }
}

/// Opens a council vote on an audited candidate. The vote's id is read raw from
/// council-vote just before `open_release_vote` is sent, which assigns exactly that id.
pub fn submit_for_vote(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    release_id: String,
) -> Result<Response, ContractError> {
    let config = peers::ctr_only(&deps, &info)?;
    let (status, mut record) = load_release(deps.storage, &release_id)?;
    if status != ReleaseStatus::Auditing {
        return Err(wrong_status(
            release_id,
            status,
            "submit_for_vote",
            "auditing",
        ));
    }
    let audit = peers::audit_gate(&deps.querier, &config, &release_id)?;
    let verdict = gates::audit_gate(&audit);
    if !verdict.passed {
        return Err(ContractError::AuditGateNotPassed {
            release_id,
            blockers: verdict.blockers,
        });
    }
    let proposal_id = peers::next_vote_id(&deps.querier, &config)?;
    let members_log = peers::members_log_head(&deps.querier, &config, &env.block.chain_id)?;
    record.proposal_id = Some(proposal_id);
    record.decision_seq = None;
    RECORDS.save(deps.storage, &release_id, &record)?;
    set_status(
        deps.storage,
        &release_id,
        Some(status),
        ReleaseStatus::Voting,
    )?;
    let pubkey = peers::pubkey(&deps.querier, &config, &info.sender)?;
    let seq = trail::append(
        deps.storage,
        &env,
        &release_id,
        &info.sender,
        pubkey,
        ReleaseEventKind::VoteOpened,
        ReleaseEventData::VoteOpened {
            proposal_id,
            reports_log: audit.reports_log,
            members_log,
        },
    )?;
    Ok(Response::new()
        .add_message(peers::open_release_vote(&config, &release_id)?)
        .add_attribute("action", "submit_for_vote")
        .add_attribute("release_id", release_id)
        .add_attribute("proposal_id", proposal_id.to_string())
        .add_attribute("status", ReleaseStatus::Voting.as_str())
        .add_attributes(trail::attributes(seq)))
}

/// council-vote only. A decision that is not about the release's open vote (the release
/// was withdrawn meanwhile, the vote is stale, the release is unknown here) is accepted and
/// ignored, so that council-vote's `close` always completes; nothing is logged.
pub fn record_council_decision(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    decision: RecordCouncilDecisionMsg,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.council_vote {
        return Err(ContractError::Unauthorized {
            sender: info.sender,
            required: "the council-vote contract",
        });
    }
    cw_utils::nonpayable(&info)?;
    let RecordCouncilDecisionMsg {
        release_id,
        proposal_id,
        passed,
        tally,
        rules,
        ballots_head,
        ballots_count,
    } = decision;
    validate_digest("ballots_head", &ballots_head)?;
    let ignored = |reason: &str| {
        Response::new()
            .add_attribute("action", "record_council_decision")
            .add_attribute("release_id", &release_id)
            .add_attribute("proposal_id", proposal_id.to_string())
            .add_attribute("ignored", reason)
    };
    let Ok((status, mut record)) = load_release(deps.storage, &release_id) else {
        return Ok(ignored("unknown release"));
    };
    if status == ReleaseStatus::Withdrawn {
        return Ok(ignored("withdrawn"));
    }
    if status != ReleaseStatus::Voting || record.proposal_id != Some(proposal_id) {
        return Ok(ignored("not the release's open vote"));
    }
    let new_status = if passed {
        ReleaseStatus::Approved
    } else {
        ReleaseStatus::Auditing
    };
    set_status(deps.storage, &release_id, Some(status), new_status)?;
    // the rules the vote was decided under are committed with it: a verifier re-derives the
    // decision from the ballots and these rules, not from an answer of council-vote
    let seq = trail::append(
        deps.storage,
        &env,
        &release_id,
        &info.sender,
        None,
        ReleaseEventKind::Decision,
        ReleaseEventData::Decision {
            proposal_id,
            passed,
            tally,
            ballots_log: LogHead {
                length: ballots_count,
                head: ballots_head,
            },
            rules: Some(rules),
        },
    )?;
    record.decision_seq = Some(seq);
    RECORDS.save(deps.storage, &release_id, &record)?;
    Ok(Response::new()
        .add_attribute("action", "record_council_decision")
        .add_attribute("release_id", release_id)
        .add_attribute("proposal_id", proposal_id.to_string())
        .add_attribute("passed", passed.to_string())
        .add_attribute("status", new_status.as_str())
        .add_attributes(trail::attributes(seq)))
}

/// Re-checks every gate now (the finalizer is a CTR now, the proposer was one, the audit
/// gate passes now, the council's approval is recorded) and records the artifacts.
pub fn finalize(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: FinalizeMsg,
) -> Result<Response, ContractError> {
    let config = peers::ctr_only(&deps, &info)?;
    let FinalizeMsg {
        release_id,
        artifacts,
        build,
    } = msg;
    validate_artifacts(&artifacts)?;
    validate_build(&build)?;
    let (status, mut record) = load_release(deps.storage, &release_id)?;
    if !status.is_open() {
        return Err(wrong_status(release_id, status, "finalize", "approved"));
    }
    let (verdict, audit) = gates_now(deps.as_ref(), &env, &config, &release_id, status, &record)?;
    if !verdict.finalizable {
        return Err(ContractError::GatesNotPassed {
            release_id,
            gates: gates::failing(&verdict),
            blockers: verdict.blockers,
        });
    }
    // finalizable implies approved, hence a recorded vote
    let proposal_id = record.proposal_id.unwrap_or_default();
    let members_log = peers::members_log_head(&deps.querier, &config, &env.block.chain_id)?;
    set_status(
        deps.storage,
        &release_id,
        Some(status),
        ReleaseStatus::Released,
    )?;
    LATEST_RELEASE.save(deps.storage, &release_id)?;
    let pubkey = peers::pubkey(&deps.querier, &config, &info.sender)?;
    let count = artifacts.len();
    // the artifacts and the build are stored once, in the event
    let seq = trail::append(
        deps.storage,
        &env,
        &release_id,
        &info.sender,
        pubkey,
        ReleaseEventKind::Finalized,
        ReleaseEventData::Finalized {
            proposal_id,
            artifacts,
            build,
            reports_log: audit.reports_log,
            members_log,
        },
    )?;
    record.finalized_seq = Some(seq);
    RECORDS.save(deps.storage, &release_id, &record)?;
    Ok(Response::new()
        .add_attribute("action", "finalize")
        .add_attribute("release_id", release_id)
        .add_attribute("proposal_id", proposal_id.to_string())
        .add_attribute("artifacts", count.to_string())
        .add_attribute("status", ReleaseStatus::Released.as_str())
        .add_attributes(trail::attributes(seq)))
}

/// The gates of a release as they stand now, and the registry's audit gate answer they
/// were computed from.
pub fn gates_now(
    deps: Deps,
    env: &Env,
    config: &Config,
    release_id: &str,
    status: ReleaseStatus,
    record: &ReleaseRecord,
) -> Result<(GatesResponse, AuditGateResponse), ContractError> {
    let candidate = trail::candidate(deps.storage, env, release_id)?;
    let decision = record
        .decision_seq
        .map(|seq| trail::decision(deps.storage, env, release_id, seq))
        .transpose()?;
    let withdrawn_reason = record
        .withdrawn_seq
        .map(|seq| trail::withdrawn_reason(deps.storage, env, release_id, seq))
        .transpose()?;
    let audit = peers::audit_gate(&deps.querier, config, release_id)?;
    let proposer_was_ctr = peers::was_ctr(
        &deps.querier,
        config,
        &candidate.proposer,
        candidate.proposed_height,
    )?;
    let verdict = gates::evaluate(&GateInputs {
        release_id,
        status,
        proposer: &candidate.proposer,
        proposer_was_ctr,
        proposal_id: record.proposal_id,
        decision: decision.as_ref(),
        withdrawn_reason: withdrawn_reason.as_deref(),
        audit: &audit,
    });
    Ok((verdict, audit))
}

/// A CTR with a registered key attests that a finalized artifact was published on a
/// channel; the trail event carries that key.
pub fn attest_publication(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    attestation: AttestPublicationMsg,
) -> Result<Response, ContractError> {
    // who may send comes first: a CTR, with a registered key; then funds, then fields
    let config = CONFIG.load(deps.storage)?;
    peers::assert_ctr(&deps.querier, &config, &info.sender)?;
    let Some(pubkey) = peers::pubkey(&deps.querier, &config, &info.sender)? else {
        return Err(ContractError::PubkeyNotRegistered { addr: info.sender });
    };
    cw_utils::nonpayable(&info)?;
    let AttestPublicationMsg {
        release_id,
        channel,
        artifact_digest,
        listing_uri,
    } = attestation;
    validate_label("channel", &channel)?;
    validate_digest("artifact_digest", &artifact_digest)?;
    if let Some(uri) = &listing_uri {
        validate_uri("listing_uri", uri)?;
    }
    let (status, mut record) = load_release(deps.storage, &release_id)?;
    if status != ReleaseStatus::Released {
        return Err(wrong_status(
            release_id,
            status,
            "attest_publication",
            "released",
        ));
    }
    let finalized_seq = record
        .finalized_seq
        .ok_or_else(|| StdError::msg("a released release has a finalized event"))?;
    let (artifacts, _, _) = trail::finalization(deps.storage, &env, &release_id, finalized_seq)?;
    if !artifacts.iter().any(|a| a.digest == artifact_digest) {
        return Err(ContractError::UnknownArtifact {
            release_id,
            digest: artifact_digest,
        });
    }
    let key = (
        release_id.as_str(),
        channel.as_str(),
        artifact_digest.as_str(),
    );
    if PUBLICATIONS.has(deps.storage, key) {
        return Err(ContractError::AlreadyPublished {
            release_id,
            channel,
            artifact_digest,
        });
    }
    if record.publications as usize >= MAX_PUBLICATIONS {
        return Err(ContractError::TooManyPublications {
            release_id,
            max: MAX_PUBLICATIONS,
        });
    }
    let seq = trail::append(
        deps.storage,
        &env,
        &release_id,
        &info.sender,
        Some(pubkey),
        ReleaseEventKind::Published,
        ReleaseEventData::Published {
            channel: channel.clone(),
            artifact_digest: artifact_digest.clone(),
            listing_uri,
        },
    )?;
    PUBLICATIONS.save(
        deps.storage,
        (
            release_id.as_str(),
            channel.as_str(),
            artifact_digest.as_str(),
        ),
        &seq,
    )?;
    record.publications += 1;
    RECORDS.save(deps.storage, &release_id, &record)?;
    Ok(Response::new()
        .add_attribute("action", "attest_publication")
        .add_attribute("release_id", release_id)
        .add_attribute("channel", channel)
        .add_attribute("artifact_digest", artifact_digest)
        .add_attributes(trail::attributes(seq)))
}
