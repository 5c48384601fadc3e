//! Typed queries; lists are bounded pages.

use berty_interface::paginate::page_limit;
use berty_interface::release::{
    ConfigResponse, GatesResponse, Publication, ReleaseResponse, ReleaseStatus, ReleasesResponse,
    TrailResponse,
};
use berty_trail::LogHead;
use cosmwasm_std::{Deps, Env, Order, StdResult};
use cw_storage_plus::Bound;

use crate::error::ContractError;
use crate::lifecycle::gates_now;
use crate::state::{
    load_release, status_code, Release, ARTIFACTS, CONFIG, LATEST_RELEASE, PUBLICATIONS,
    RELEASE_LOG, RELEASE_STATUS, STATUS_INDEX,
};

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let config = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        membership: config.membership,
        audit_registry: config.audit_registry,
        council_vote: config.council_vote,
        app_name: config.app_name,
    })
}

/// The answer for one release: its artifacts (at most 32) and publications (at most 32).
fn answer(
    deps: Deps,
    release_id: String,
    release: Release,
    status: ReleaseStatus,
) -> StdResult<ReleaseResponse> {
    let artifacts = ARTIFACTS
        .may_load(deps.storage, &release_id)?
        .unwrap_or_default();
    let publications = PUBLICATIONS
        .sub_prefix(&release_id)
        .range(deps.storage, None, None, Order::Ascending)
        .map(|item| {
            let ((channel, artifact_digest), record) = item?;
            Ok(Publication {
                channel,
                artifact_digest,
                listing_uri: record.listing_uri,
                publisher: record.publisher,
                time: record.time,
            })
        })
        .collect::<StdResult<_>>()?;
    Ok(ReleaseResponse {
        release_id,
        version: release.version,
        status,
        proposer: release.proposer,
        proposal_id: release.proposal_id,
        source_uri: release.source_uri,
        commit: release.commit,
        notes_uri: release.notes_uri,
        proposed_at: release.proposed_at,
        decision: release.decision,
        artifacts,
        build: release.build,
        released_at: release.released_at,
        publications,
        withdrawn_reason: release.withdrawn_reason,
    })
}

pub fn release(deps: Deps, release_id: String) -> Result<ReleaseResponse, ContractError> {
    let (release, status) = load_release(deps.storage, &release_id)?;
    Ok(answer(deps, release_id, release, status)?)
}

pub fn releases(
    deps: Deps,
    status: Option<ReleaseStatus>,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<ReleasesResponse, ContractError> {
    let limit = page_limit(limit);
    let start = start_after.as_deref().map(Bound::exclusive);
    let ids: Vec<String> = match status {
        Some(status) => STATUS_INDEX
            .prefix(status_code(status))
            .keys(deps.storage, start, None, Order::Ascending)
            .take(limit)
            .collect::<StdResult<_>>()?,
        None => RELEASE_STATUS
            .keys(deps.storage, start, None, Order::Ascending)
            .take(limit)
            .collect::<StdResult<_>>()?,
    };
    let releases = ids
        .into_iter()
        .map(|id| {
            let (release, status) = load_release(deps.storage, &id)?;
            Ok(answer(deps, id, release, status)?)
        })
        .collect::<Result<_, ContractError>>()?;
    Ok(ReleasesResponse { releases })
}

pub fn gates(deps: Deps, release_id: String) -> Result<GatesResponse, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let (release, status) = load_release(deps.storage, &release_id)?;
    let (verdict, _) = gates_now(&deps.querier, &config, &release_id, &release, status)?;
    Ok(verdict)
}

/// The trail of a known release (an unknown one is an error, not an empty log).
pub fn trail(
    deps: Deps,
    env: &Env,
    release_id: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<TrailResponse, ContractError> {
    load_release(deps.storage, &release_id)?;
    Ok(RELEASE_LOG.page(
        deps.storage,
        env,
        &release_id,
        start_after,
        page_limit(limit),
    )?)
}

pub fn trail_head(deps: Deps, env: &Env, release_id: String) -> Result<LogHead, ContractError> {
    load_release(deps.storage, &release_id)?;
    Ok(RELEASE_LOG.head(deps.storage, env, &release_id)?)
}

pub fn latest_release(deps: Deps) -> Result<ReleaseResponse, ContractError> {
    let release_id = LATEST_RELEASE
        .may_load(deps.storage)?
        .ok_or(ContractError::NoRelease)?;
    release(deps, release_id)
}
