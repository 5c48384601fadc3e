//! A candidate's creation and withdrawal.

use berty_interface::release::{ReleaseEventData, ReleaseEventKind, ReleaseStatus};
use berty_interface::validate::{
    validate_digest, validate_text, validate_uri, ValidationError, TEXT_MAX_BYTES,
};
use berty_trail::NewEvent;
use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response};

use crate::error::ContractError;
use crate::peers;
use crate::state::{load_release, set_status, Release, RELEASES, RELEASE_LOG};
use crate::validate::{validate_commit, validate_version};

/// Appends one event to the release's trail, with the actor's registered key if any.
pub fn log(
    deps: &mut DepsMut,
    env: &Env,
    release_id: &str,
    actor: &Addr,
    pubkey: Option<cosmwasm_std::Binary>,
    kind: ReleaseEventKind,
    data: ReleaseEventData,
) -> Result<(), ContractError> {
    RELEASE_LOG.append(
        deps.storage,
        env,
        release_id,
        NewEvent {
            actor: actor.clone(),
            pubkey,
            kind,
            data,
        },
    )?;
    Ok(())
}

pub struct Proposal {
    pub release_id: String,
    pub version: String,
    pub source_uri: String,
    pub commit: Option<String>,
    pub notes_uri: Option<String>,
}

pub fn propose(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    proposal: Proposal,
) -> Result<Response, ContractError> {
    let config = peers::ctr_only(&deps, &info)?;
    let Proposal {
        release_id,
        version,
        source_uri,
        commit,
        notes_uri,
    } = proposal;
    validate_digest("release_id", &release_id)?;
    validate_version(&version)?;
    validate_uri("source_uri", &source_uri)?;
    if let Some(commit) = &commit {
        validate_commit(commit)?;
    }
    if let Some(uri) = &notes_uri {
        validate_uri("notes_uri", uri)?;
    }
    if RELEASES.has(deps.storage, &release_id) {
        return Err(ContractError::ReleaseExists { release_id });
    }
    let release = Release {
        version: version.clone(),
        proposer: info.sender.clone(),
        proposed_height: env.block.height,
        proposed_at: env.block.time,
        source_uri: source_uri.clone(),
        commit: commit.clone(),
        notes_uri: notes_uri.clone(),
        proposal_id: None,
        decision: None,
        build: None,
        released_at: None,
        publications: 0,
        withdrawn_reason: None,
    };
    RELEASES.save(deps.storage, &release_id, &release)?;
    set_status(deps.storage, &release_id, None, ReleaseStatus::Auditing)?;
    let pubkey = peers::pubkey(&deps.querier, &config, &info.sender)?;
    log(
        &mut deps,
        &env,
        &release_id,
        &info.sender,
        pubkey,
        ReleaseEventKind::Proposed,
        ReleaseEventData::Proposed {
            app_name: config.app_name,
            version: version.clone(),
            source_uri,
            commit,
            notes_uri,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "propose")
        .add_attribute("release_id", release_id)
        .add_attribute("version", version)
        .add_attribute("status", ReleaseStatus::Auditing.as_str()))
}

/// Any CTR, in any state before `released`. A vote still open goes on; its decision,
/// when delivered, is ignored.
pub fn withdraw(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    release_id: String,
    reason: String,
) -> Result<Response, ContractError> {
    let config = peers::ctr_only(&deps, &info)?;
    if reason.trim().is_empty() {
        return Err(ValidationError::EmptyText { field: "reason" }.into());
    }
    validate_text("reason", &reason, TEXT_MAX_BYTES)?;
    let (mut release, status) = load_release(deps.storage, &release_id)?;
    if !status.is_open() {
        return Err(ContractError::WrongStatus {
            release_id,
            status,
            action: "withdraw",
            expected: "a release not yet released nor withdrawn",
        });
    }
    release.withdrawn_reason = Some(reason.clone());
    RELEASES.save(deps.storage, &release_id, &release)?;
    set_status(
        deps.storage,
        &release_id,
        Some(status),
        ReleaseStatus::Withdrawn,
    )?;
    let pubkey = peers::pubkey(&deps.querier, &config, &info.sender)?;
    log(
        &mut deps,
        &env,
        &release_id,
        &info.sender,
        pubkey,
        ReleaseEventKind::Withdrawn,
        ReleaseEventData::Withdrawn { reason },
    )?;
    Ok(Response::new()
        .add_attribute("action", "withdraw")
        .add_attribute("release_id", release_id)
        .add_attribute("status", ReleaseStatus::Withdrawn.as_str()))
}
