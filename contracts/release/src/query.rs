//! Typed queries; lists are bounded pages.

use berty_hashlog::LogHead;
use berty_interface::paginate::page_limit;
use berty_interface::release::{
    ConfigResponse, GatesResponse, ReleaseResponse, ReleaseStatus, ReleasesResponse, TrailResponse,
};
use cosmwasm_std::{Deps, Env, Order, StdResult};
use cw_storage_plus::Bound;

use crate::error::ContractError;
use crate::lifecycle::gates_now;
use crate::state::{
    load_release, status_code, ReleaseRecord, CONFIG, LATEST_RELEASE, PUBLICATIONS, RELEASE_LOG,
    RELEASE_STATUS, STATUS_INDEX,
};
use crate::trail;

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let config = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        membership: config.membership,
        audit_registry: config.audit_registry,
        council_vote: config.council_vote,
        app_name: config.app_name,
    })
}

/// The answer for one release, read back from its trail: the `proposed`, `decision`,
/// `finalized` and `withdrawn` events and each publication's (at most 32).
fn answer(
    deps: Deps,
    env: &Env,
    release_id: String,
    status: ReleaseStatus,
    record: ReleaseRecord,
) -> StdResult<ReleaseResponse> {
    let (store, id) = (deps.storage, release_id.as_str());
    let candidate = trail::candidate(store, env, id)?;
    let decision = record
        .decision_seq
        .map(|seq| trail::decision(store, env, id, seq))
        .transpose()?;
    let (artifacts, build, released_at) = match record.finalized_seq {
        Some(seq) => {
            let (artifacts, build, time) = trail::finalization(store, env, id, seq)?;
            (artifacts, Some(build), Some(time))
        }
        None => (vec![], None, None),
    };
    let withdrawn_reason = record
        .withdrawn_seq
        .map(|seq| trail::withdrawn_reason(store, env, id, seq))
        .transpose()?;
    let publications = PUBLICATIONS
        .sub_prefix(id)
        .range(store, None, None, Order::Ascending)
        .map(|item| trail::publication(store, env, id, item?.1))
        .collect::<StdResult<_>>()?;
    Ok(ReleaseResponse {
        release_id,
        version: candidate.version,
        status,
        proposer: candidate.proposer,
        proposal_id: record.proposal_id,
        source_uri: candidate.source_uri,
        commit: candidate.commit,
        notes_uri: candidate.notes_uri,
        proposed_at: candidate.proposed_at,
        decision,
        artifacts,
        build,
        released_at,
        publications,
        withdrawn_reason,
    })
}

pub fn release(
    deps: Deps,
    env: &Env,
    release_id: String,
) -> Result<ReleaseResponse, ContractError> {
    let (status, record) = load_release(deps.storage, &release_id)?;
    Ok(answer(deps, env, release_id, status, record)?)
}

pub fn releases(
    deps: Deps,
    env: &Env,
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
            let (status, record) = load_release(deps.storage, &id)?;
            Ok(answer(deps, env, id, status, record)?)
        })
        .collect::<Result<_, ContractError>>()?;
    Ok(ReleasesResponse { releases })
}

pub fn gates(deps: Deps, env: &Env, release_id: String) -> Result<GatesResponse, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let (status, record) = load_release(deps.storage, &release_id)?;
    let (verdict, _) = gates_now(deps, env, &config, &release_id, status, &record)?;
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

pub fn latest_release(deps: Deps, env: &Env) -> Result<ReleaseResponse, ContractError> {
    let release_id = LATEST_RELEASE
        .may_load(deps.storage)?
        .ok_or(ContractError::NoRelease)?;
    release(deps, env, release_id)
}
