//! Reports: only active auditors, only on open candidates; the newest per auditor
//! replaces the older one, the history and the release's reports log keep them all.
//! The common path runs only this contract: membership and release are read raw.

use berty_hashlog::{LogName, NewEvent};
use berty_interface::audit_registry::{ReportEventData, ReportEventKind, SubmitReportMsg};
use berty_interface::keys::{release_status, MembershipReader};
use berty_interface::release::ReleaseStatus;
use berty_interface::signing::{signing_digest, ReportSigningPayload};
use berty_interface::validate::{validate_digest, validate_uri};
use cosmwasm_std::{Addr, Api, Binary, Deps, DepsMut, Env, MessageInfo, Response};

use crate::auditor::{current_role, is_active, load_stake};
use crate::error::ContractError;
use crate::state::{Config, LatestReport, CONFIG, HISTORY, LATEST, REPORTS_LOG};

/// The sender must be an active auditor: the auditor role and, in staked mode, a bond of
/// at least `min_bond`.
fn assert_active_auditor(deps: Deps, config: &Config, sender: &Addr) -> Result<(), ContractError> {
    let role = current_role(&deps.querier, config, sender)?;
    let bonded = match &config.staking {
        Some(_) => load_stake(deps.storage, sender)?.bonded,
        None => Default::default(),
    };
    if is_active(role, config.staking.as_ref(), bonded) {
        return Ok(());
    }
    match (&config.staking, role) {
        (Some(staking), Some(berty_interface::Role::Auditor)) => {
            Err(ContractError::BondBelowMinimum {
                auditor: sender.clone(),
                bonded,
                min_bond: staking.min_bond,
            })
        }
        _ => Err(ContractError::Unauthorized {
            sender: sender.clone(),
            required: "an active auditor",
        }),
    }
}

/// The candidate's status in the release contract (one raw read); unknown ids are errors.
pub fn known_release_status(
    deps: Deps,
    config: &Config,
    release_id: &str,
) -> Result<ReleaseStatus, ContractError> {
    release_status(&deps.querier, &config.release, release_id)?.ok_or_else(|| {
        ContractError::UnknownRelease {
            release_id: release_id.to_string(),
        }
    })
}

/// The candidate exists in the release contract and is neither released nor withdrawn.
pub fn assert_open_release(
    deps: Deps,
    config: &Config,
    release_id: &str,
) -> Result<(), ContractError> {
    match known_release_status(deps, config, release_id)? {
        status if !status.is_open() => Err(ContractError::ReleaseClosed {
            release_id: release_id.to_string(),
            status,
        }),
        _ => Ok(()),
    }
}

/// Checks the optional signature against the auditor's registered key over the report's
/// canonical digest (SPEC section 6).
fn verify_signature(
    api: &dyn Api,
    env: &Env,
    auditor: &Addr,
    pubkey: Option<&Binary>,
    report: &SubmitReportMsg,
) -> Result<(), ContractError> {
    let Some(signature) = &report.signature else {
        return Ok(());
    };
    let pubkey = pubkey.ok_or_else(|| ContractError::SignatureWithoutPubkey {
        auditor: auditor.clone(),
    })?;
    let digest = signing_digest(&ReportSigningPayload {
        chain_id: env.block.chain_id.clone(),
        contract: env.contract.address.to_string(),
        release_id: report.release_id.clone(),
        status: report.status,
        report_uri: report.report_uri.clone(),
        report_digest: report.report_digest.clone(),
    })?;
    match api.secp256k1_verify(&digest, signature, pubkey) {
        Ok(true) => Ok(()),
        // a malformed signature is as invalid as a wrong one
        _ => Err(ContractError::InvalidSignature {
            auditor: auditor.clone(),
        }),
    }
}

pub fn submit_report(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    report: SubmitReportMsg,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let auditor = info.sender.clone();
    assert_active_auditor(deps.as_ref(), &config, &auditor)?;
    cw_utils::nonpayable(&info)?;
    validate_digest("release_id", &report.release_id)?;
    validate_uri("report_uri", &report.report_uri)?;
    validate_digest("report_digest", &report.report_digest)?;
    assert_open_release(deps.as_ref(), &config, &report.release_id)?;
    let pubkey = MembershipReader(config.membership.clone()).pubkey(&deps.querier, &auditor)?;
    verify_signature(deps.api, &env, &auditor, pubkey.as_ref(), &report)?;

    let release_id = report.release_id.as_str();
    let seq = LATEST
        .may_load(deps.storage, (release_id, &auditor))?
        .map_or(0, |latest| latest.seq + 1);
    let status = report.status;
    let event = NewEvent {
        actor: auditor.clone(),
        pubkey,
        kind: ReportEventKind::Report,
        data: ReportEventData::Report {
            auditor: auditor.clone(),
            status,
            report_uri: report.report_uri,
            report_digest: report.report_digest,
            signature: report.signature,
        },
    };
    let head = REPORTS_LOG.append(deps.storage, &env, release_id, event)?;
    let log_seq = head.length - 1;
    // a new report is never void: a slash voids the report it was about, not the next one
    let latest = LatestReport {
        seq,
        status,
        log_seq,
        voided: false,
    };
    LATEST.save(deps.storage, (release_id, &auditor), &latest)?;
    HISTORY.save(deps.storage, (release_id, &auditor, seq), &log_seq)?;
    Ok(Response::new()
        .add_attribute("action", "submit_report")
        .add_attribute("release_id", release_id)
        .add_attribute("auditor", &auditor)
        .add_attribute("status", status.as_str())
        .add_attribute("history_seq", seq.to_string())
        .add_attributes(LogName::Reports.attributes(log_seq..head.length)))
}
