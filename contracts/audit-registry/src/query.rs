//! Typed query functions; list queries page with `start_after` and a clamped limit.

use berty_hashlog::{Event, LogHead};
use berty_interface::audit_registry::{
    AuditGateResponse, ChallengeResponse, ChallengeStatus, ChallengesResponse, ConfigResponse,
    ReportEventData, ReportLogResponse, ReportResponse, ReportsResponse, StakeResponse,
    UnbondingClaim,
};
use berty_interface::paginate::page_limit;
use berty_interface::validate::validate_digest;
use cosmwasm_std::{Deps, Env, Order, StdError, StdResult};
use cw_storage_plus::Bound;

use crate::auditor::{current_role, is_active, load_stake};
use crate::dispute::{final_at, load_challenge};
use crate::error::ContractError;
use crate::gate::{current_reports, is_counted, verdict};
use crate::state::{challenge_map, Challenge, CONFIG, HISTORY, LATEST, REPORTS_LOG};
use berty_interface::validate::validate_addr;

pub fn config(deps: Deps) -> Result<ConfigResponse, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        membership: config.membership,
        release: config.release,
        governance: config.governance,
        pending_governance: config.pending_governance,
        staking: config.staking,
        disputes: config.disputes,
    })
}

/// A report as its reports-log event holds it (`log_seq` from the report indexes).
fn report_response(
    deps: Deps,
    env: &Env,
    release_id: &str,
    seq: u64,
    log_seq: u64,
    counted: bool,
    voided: bool,
) -> Result<ReportResponse, ContractError> {
    let page = REPORTS_LOG.page(deps.storage, env, release_id, log_seq.checked_sub(1), 1)?;
    let event = page
        .events
        .into_iter()
        .next()
        .map(|entry| entry.event)
        .filter(|event| event.seq == log_seq);
    let Some(Event {
        height,
        time,
        pubkey,
        data:
            ReportEventData::Report {
                auditor,
                status,
                report_uri,
                report_digest,
                signature,
            },
        ..
    }) = event
    else {
        return Err(
            StdError::msg(format!("report index of {release_id} points to no report")).into(),
        );
    };
    Ok(ReportResponse {
        release_id: release_id.to_string(),
        auditor,
        seq,
        status,
        report_uri,
        report_digest,
        signature,
        pubkey,
        height,
        time,
        counted,
        voided,
    })
}

/// The auditor's newest report.
pub fn report(
    deps: Deps,
    env: &Env,
    release_id: String,
    auditor: String,
) -> Result<ReportResponse, ContractError> {
    let auditor = validate_addr(deps.api, &auditor)?;
    let config = CONFIG.load(deps.storage)?;
    let latest = LATEST
        .may_load(deps.storage, (&release_id, &auditor))?
        .ok_or_else(|| ContractError::ReportNotFound {
            release_id: release_id.clone(),
            auditor: auditor.clone(),
        })?;
    let counted = is_counted(deps, &config, &auditor, &latest)?;
    report_response(
        deps,
        env,
        &release_id,
        latest.seq,
        latest.log_seq,
        counted,
        latest.voided,
    )
}

/// Newest report per auditor, in address order.
pub fn reports(
    deps: Deps,
    env: &Env,
    release_id: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<ReportsResponse, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let start = start_after
        .map(|addr| validate_addr(deps.api, &addr))
        .transpose()?;
    let reports = LATEST
        .prefix(&release_id)
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|item| {
            let (auditor, latest) = item?;
            let counted = is_counted(deps, &config, &auditor, &latest)?;
            report_response(
                deps,
                env,
                &release_id,
                latest.seq,
                latest.log_seq,
                counted,
                latest.voided,
            )
        })
        .collect::<Result<_, ContractError>>()?;
    Ok(ReportsResponse { reports })
}

/// Every report of the auditor on the release, oldest first; `counted` tells whether the
/// auditor counts now (only its newest report is in the gate).
pub fn report_history(
    deps: Deps,
    env: &Env,
    release_id: String,
    auditor: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<ReportsResponse, ContractError> {
    let auditor = validate_addr(deps.api, &auditor)?;
    let config = CONFIG.load(deps.storage)?;
    let Some(latest) = LATEST.may_load(deps.storage, (&release_id, &auditor))? else {
        return Err(ContractError::ReportNotFound {
            release_id,
            auditor,
        });
    };
    let counted = is_counted(deps, &config, &auditor, &latest)?;
    let reports = HISTORY
        .prefix((&release_id, &auditor))
        .range(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|item| {
            let (seq, log_seq) = item?;
            let newest = seq == latest.seq;
            report_response(
                deps,
                env,
                &release_id,
                seq,
                log_seq,
                counted && newest,
                latest.voided && newest,
            )
        })
        .collect::<Result<_, ContractError>>()?;
    Ok(ReportsResponse { reports })
}

/// Bounded by the addresses holding the auditor role and the stakers that held it at a
/// bond, now (`gate::current_reports`), not by who ever reported or bonded.
pub fn audit_gate(
    deps: Deps,
    env: &Env,
    release_id: String,
) -> Result<AuditGateResponse, ContractError> {
    validate_digest("release_id", &release_id)?;
    let config = CONFIG.load(deps.storage)?;
    let verdict = verdict(current_reports(deps, &config, &release_id)?);
    Ok(AuditGateResponse {
        passed: verdict.passed,
        positive: verdict.positive,
        blocking: verdict.blocking,
        not_counted: verdict.not_counted,
        reports_log: REPORTS_LOG.head(deps.storage, env, &release_id)?,
    })
}

/// An address that never bonded has an empty stake, not an error.
pub fn stake(deps: Deps, auditor: String) -> Result<StakeResponse, ContractError> {
    let auditor = validate_addr(deps.api, &auditor)?;
    let config = CONFIG.load(deps.storage)?;
    let stake = load_stake(deps.storage, &auditor)?;
    let role = current_role(&deps.querier, &config, &auditor)?;
    Ok(StakeResponse {
        active: is_active(role, config.staking.as_ref(), stake.bonded),
        locked: stake.pending_challenges > 0,
        bonded: stake.bonded,
        unbonding: stake
            .claims
            .into_iter()
            .map(|claim| UnbondingClaim {
                amount: claim.amount,
                release_at: claim.release_at,
            })
            .collect(),
        auditor,
    })
}

fn challenge_response(env: &Env, challenge_id: u64, challenge: Challenge) -> ChallengeResponse {
    let executable = final_at(&challenge).is_some_and(|at| env.block.time >= at);
    ChallengeResponse {
        challenge_id,
        challenger: challenge.challenger,
        auditor: challenge.auditor,
        release_id: challenge.release_id,
        report_seq: challenge.report_seq,
        evidence_uri: challenge.evidence_uri,
        bond: challenge.bond,
        status: challenge.status,
        slash_ratio: challenge.slash_ratio,
        resolved_at: challenge.resolved_at,
        appeal_deadline: challenge.appeal_deadline,
        appeal_bond: challenge.appeal_bond,
        court: challenge.court,
        executable,
        slashed_amount: challenge.slashed_amount,
    }
}

pub fn challenge(
    deps: Deps,
    env: &Env,
    challenge_id: u64,
) -> Result<ChallengeResponse, ContractError> {
    let challenge = load_challenge(deps.storage, challenge_id)?;
    Ok(challenge_response(env, challenge_id, challenge))
}

/// By id, optionally only one auditor's and/or one status; each filter uses its index.
pub fn challenges(
    deps: Deps,
    env: &Env,
    auditor: Option<String>,
    status: Option<ChallengeStatus>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<ChallengesResponse, ContractError> {
    let auditor = auditor
        .map(|addr| validate_addr(deps.api, &addr))
        .transpose()?;
    let map = challenge_map();
    let start = start_after.map(Bound::exclusive);
    let range = match (auditor, status) {
        (Some(auditor), Some(status)) => map
            .idx
            .auditor_status
            .prefix((auditor, status.code()))
            .range(deps.storage, start, None, Order::Ascending),
        (Some(auditor), None) => {
            map.idx
                .auditor
                .prefix(auditor)
                .range(deps.storage, start, None, Order::Ascending)
        }
        (None, Some(status)) => {
            map.idx
                .status
                .prefix(status.code())
                .range(deps.storage, start, None, Order::Ascending)
        }
        (None, None) => map.range(deps.storage, start, None, Order::Ascending),
    };
    let challenges = range
        .take(page_limit(limit))
        .map(|item| {
            let (id, challenge) = item?;
            Ok(challenge_response(env, id, challenge))
        })
        .collect::<StdResult<_>>()?;
    Ok(ChallengesResponse { challenges })
}

pub fn report_log(
    deps: Deps,
    env: &Env,
    release_id: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<ReportLogResponse, ContractError> {
    Ok(REPORTS_LOG.page(
        deps.storage,
        env,
        &release_id,
        start_after,
        page_limit(limit),
    )?)
}

pub fn report_log_head(
    deps: Deps,
    env: &Env,
    release_id: String,
) -> Result<LogHead, ContractError> {
    Ok(REPORTS_LOG.head(deps.storage, env, &release_id)?)
}
