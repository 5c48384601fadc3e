//! A candidate's creation and withdrawal.

use berty_interface::release::{
    ProposeReleaseMsg, ReleaseEventData, ReleaseEventKind, ReleaseStatus, WithdrawMsg,
};
use berty_interface::validate::{
    validate_digest, validate_text, validate_uri, ValidationError, TEXT_MAX_BYTES,
};
use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};

use crate::error::ContractError;
use crate::peers;
use crate::state::{load_release, set_status, RECORDS, RELEASE_STATUS};
use crate::trail;
use crate::validate::{validate_commit, validate_version};

pub fn propose(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ProposeReleaseMsg,
) -> Result<Response, ContractError> {
    let config = peers::ctr_only(&deps, &info)?;
    let ProposeReleaseMsg {
        release_id,
        version,
        source_uri,
        commit,
        notes_uri,
    } = msg;
    validate_digest("release_id", &release_id)?;
    validate_version(&version)?;
    validate_uri("source_uri", &source_uri)?;
    if let Some(commit) = &commit {
        validate_commit(commit)?;
    }
    if let Some(uri) = &notes_uri {
        validate_uri("notes_uri", uri)?;
    }
    if RELEASE_STATUS.has(deps.storage, &release_id) {
        return Err(ContractError::ReleaseExists { release_id });
    }
    // the candidate's facts are its `proposed` event: proposer, height and time included
    set_status(deps.storage, &release_id, None, ReleaseStatus::Auditing)?;
    let pubkey = peers::pubkey(&deps.querier, &config, &info.sender)?;
    let seq = trail::append(
        deps.storage,
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
        .add_attribute("status", ReleaseStatus::Auditing.as_str())
        .add_attributes(trail::attributes(seq)))
}

/// Any CTR, in any state before `released`. A vote still open goes on; its decision,
/// when delivered, is ignored.
pub fn withdraw(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: WithdrawMsg,
) -> Result<Response, ContractError> {
    let config = peers::ctr_only(&deps, &info)?;
    let WithdrawMsg { release_id, reason } = msg;
    if reason.trim().is_empty() {
        return Err(ValidationError::EmptyText { field: "reason" }.into());
    }
    validate_text("reason", &reason, TEXT_MAX_BYTES)?;
    let (status, mut record) = load_release(deps.storage, &release_id)?;
    if !status.is_open() {
        return Err(ContractError::WrongStatus {
            release_id,
            status,
            action: "withdraw",
            expected: "a release not yet released nor withdrawn",
        });
    }
    set_status(
        deps.storage,
        &release_id,
        Some(status),
        ReleaseStatus::Withdrawn,
    )?;
    let pubkey = peers::pubkey(&deps.querier, &config, &info.sender)?;
    let seq = trail::append(
        deps.storage,
        &env,
        &release_id,
        &info.sender,
        pubkey,
        ReleaseEventKind::Withdrawn,
        ReleaseEventData::Withdrawn { reason },
    )?;
    record.withdrawn_seq = Some(seq);
    RECORDS.save(deps.storage, &release_id, &record)?;
    Ok(Response::new()
        .add_attribute("action", "withdraw")
        .add_attribute("release_id", release_id)
        .add_attribute("status", ReleaseStatus::Withdrawn.as_str())
        .add_attributes(trail::attributes(seq)))
}
