//! Disputes (staked mode with `disputes` configured): a challenge with its bond,
//! governance's resolution, the auditor's appeal within the window, the court's final
//! ruling, and the slash once final. Every token taken is paid out in the same message.

use berty_hashlog::{LogName, NewEvent};
use berty_interface::audit_registry::{
    ChallengeReportMsg, ChallengeStatus, ReportEventData, ReportEventKind, RulingMsg,
};
use berty_interface::validate::{validate_digest, validate_uri};
use cosmwasm_std::{
    Addr, BankMsg, Decimal, DepsMut, Env, MessageInfo, Response, StdError, Storage, Uint128,
};

use crate::auditor::{current_role, load_stake, revoke_if_unbonded, save_stake};
use berty_interface::validate::validate_addr;

use crate::config::assert_governance;
use crate::error::ContractError;
use crate::funds::{paid, send};
use crate::report::known_release_status;
use crate::slash::{cut_stake, split_payout};
use crate::state::{challenge_map, Challenge, CONFIG, LATEST, NEXT_CHALLENGE_ID, REPORTS_LOG};

pub fn load_challenge(store: &dyn Storage, challenge_id: u64) -> Result<Challenge, ContractError> {
    challenge_map()
        .may_load(store, challenge_id)?
        .ok_or(ContractError::ChallengeNotFound { challenge_id })
}

fn save_challenge(
    store: &mut dyn Storage,
    challenge_id: u64,
    challenge: &Challenge,
) -> Result<(), ContractError> {
    Ok(challenge_map().save(store, challenge_id, challenge)?)
}

/// A pending challenge no longer locks the auditor's claims.
fn release_lock(store: &mut dyn Storage, auditor: &Addr) -> Result<(), ContractError> {
    let mut stake = load_stake(store, auditor)?;
    stake.pending_challenges = stake.pending_challenges.saturating_sub(1);
    Ok(save_stake(store, auditor, &stake)?)
}

/// An upheld challenge needs a ratio in (0, 1]. A dismissal ignores any ratio sent: SPEC's
/// messages always carry `slash_ratio`, so a client dismissing may well send `"0"`.
fn check_ratio(
    uphold: bool,
    slash_ratio: Option<Decimal>,
) -> Result<Option<Decimal>, ContractError> {
    match (uphold, slash_ratio) {
        (true, None) => Err(ContractError::MissingSlashRatio),
        (true, Some(ratio)) if ratio.is_zero() || ratio > Decimal::one() => {
            Err(ContractError::InvalidSlashRatio { ratio })
        }
        (true, Some(ratio)) => Ok(Some(ratio)),
        (false, _) => Ok(None),
    }
}

fn paid_bond(info: &MessageInfo, denom: &str, expected: Uint128) -> Result<Uint128, ContractError> {
    let got = paid(info, denom)?;
    if got != expected {
        return Err(ContractError::WrongBondAmount { expected, got });
    }
    Ok(got)
}

fn response(action: &str, challenge_id: u64, challenge: &Challenge) -> Response {
    Response::new()
        .add_attribute("action", action)
        .add_attribute("challenge_id", challenge_id.to_string())
        .add_attribute("auditor", &challenge.auditor)
        .add_attribute("release_id", &challenge.release_id)
        .add_attribute("status", challenge.status.as_str())
}

/// Anyone, paying exactly `challenge_bond`, against an auditor who reported on that
/// candidate (in any status) and has something staked. The challenge is about the
/// auditor's newest report on it, which it names by its seq in the reports log.
pub fn challenge_report(
    deps: DepsMut,
    info: MessageInfo,
    msg: ChallengeReportMsg,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let (staking, disputes) = config.disputes()?;
    let auditor = validate_addr(deps.api, &msg.auditor)?;
    validate_digest("release_id", &msg.release_id)?;
    validate_uri("evidence_uri", &msg.evidence_uri)?;
    let bond = paid_bond(&info, &staking.denom, disputes.challenge_bond)?;
    if auditor == info.sender {
        return Err(ContractError::SelfChallenge { auditor });
    }
    // any known candidate, released or withdrawn too: a fake report is often shown fake
    // only after the release it let through
    known_release_status(deps.as_ref(), &config, &msg.release_id)?;
    let Some(report) = LATEST.may_load(deps.storage, (&msg.release_id, &auditor))? else {
        return Err(ContractError::ReportNotFound {
            release_id: msg.release_id,
            auditor,
        });
    };
    let mut stake = load_stake(deps.storage, &auditor)?;
    if stake.bonded.is_zero() && stake.claims.is_empty() {
        return Err(ContractError::NothingStaked { auditor });
    }
    stake.pending_challenges = stake
        .pending_challenges
        .checked_add(1)
        .ok_or_else(|| StdError::msg("too many pending challenges"))?;
    save_stake(deps.storage, &auditor, &stake)?;

    let challenge_id = NEXT_CHALLENGE_ID.may_load(deps.storage)?.unwrap_or(1);
    NEXT_CHALLENGE_ID.save(deps.storage, &(challenge_id + 1))?;
    let challenge = Challenge {
        challenger: info.sender,
        auditor,
        release_id: msg.release_id,
        evidence_uri: msg.evidence_uri,
        bond,
        status: ChallengeStatus::Open,
        slash_ratio: None,
        resolved_at: None,
        appeal_deadline: None,
        appeal_bond: None,
        ruled: false,
        slashed_amount: None,
        report_seq: report.log_seq,
        court: None,
    };
    save_challenge(deps.storage, challenge_id, &challenge)?;
    Ok(response("challenge_report", challenge_id, &challenge)
        .add_attribute("challenger", &challenge.challenger)
        .add_attribute("report_seq", report.log_seq.to_string()))
}

/// Governance: uphold (the slash waits for the appeal window) or dismiss (the
/// challenger's bond goes to `slash_recipient`).
pub fn resolve_challenge(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    ruling: RulingMsg,
) -> Result<Response, ContractError> {
    let RulingMsg {
        challenge_id,
        uphold,
        slash_ratio,
    } = ruling;
    let config = assert_governance(deps.storage, &info.sender)?;
    cw_utils::nonpayable(&info)?;
    let (staking, disputes) = config.disputes()?;
    let mut challenge = load_challenge(deps.storage, challenge_id)?;
    if challenge.status != ChallengeStatus::Open {
        return Err(ContractError::ChallengeNotOpen {
            challenge_id,
            status: challenge.status,
        });
    }
    let ratio = check_ratio(uphold, slash_ratio)?;
    let now = env.block.time;
    challenge.resolved_at = Some(now);
    let mut payouts: Vec<BankMsg> = vec![];
    if uphold {
        challenge.status = ChallengeStatus::Upheld;
        challenge.slash_ratio = ratio;
        challenge.appeal_deadline = Some(now.plus_seconds(disputes.appeal_window));
    } else {
        challenge.status = ChallengeStatus::Dismissed;
        payouts.extend(send(
            &disputes.slash_recipient,
            challenge.bond,
            &staking.denom,
        ));
        release_lock(deps.storage, &challenge.auditor)?;
    }
    save_challenge(deps.storage, challenge_id, &challenge)?;
    Ok(response("resolve_challenge", challenge_id, &challenge).add_messages(payouts))
}

/// The challenged auditor, within the appeal window of an upheld challenge, paying
/// exactly `challenge_bond`. Needs a court; the court configured now is the one that
/// rules, whatever the configuration says later.
pub fn appeal(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    challenge_id: u64,
) -> Result<Response, ContractError> {
    // the sender first: only the challenged auditor may appeal, and an unknown challenge has
    // none, so anyone else (whatever the id, mode or configuration) is unauthorized
    let challenge = challenge_map().may_load(deps.storage, challenge_id)?;
    let mut challenge = match challenge {
        Some(challenge) if challenge.auditor == info.sender => challenge,
        _ => {
            return Err(ContractError::Unauthorized {
                sender: info.sender,
                required: "the challenged auditor",
            })
        }
    };
    let config = CONFIG.load(deps.storage)?;
    let (staking, disputes) = config.disputes()?;
    let Some(court) = disputes.court.clone() else {
        return Err(ContractError::NoCourt);
    };
    match challenge.status {
        ChallengeStatus::Appealed => return Err(ContractError::AlreadyAppealed { challenge_id }),
        ChallengeStatus::Upheld if challenge.appeal_bond.is_some() => {
            return Err(ContractError::AlreadyAppealed { challenge_id })
        }
        ChallengeStatus::Upheld => {}
        status => {
            return Err(ContractError::NotAppealable {
                challenge_id,
                status,
            })
        }
    }
    let deadline = challenge
        .appeal_deadline
        .ok_or(ContractError::NotAppealable {
            challenge_id,
            status: challenge.status,
        })?;
    if env.block.time >= deadline {
        return Err(ContractError::AppealWindowClosed {
            challenge_id,
            deadline,
        });
    }
    let bond = paid_bond(&info, &staking.denom, disputes.challenge_bond)?;
    challenge.status = ChallengeStatus::Appealed;
    challenge.appeal_bond = Some(bond);
    challenge.court = Some(court.clone());
    save_challenge(deps.storage, challenge_id, &challenge)?;
    Ok(response("appeal", challenge_id, &challenge).add_attribute("court", court))
}

/// The court the appeal was filed with, on an appealed challenge; final. Upheld: the
/// appeal bond goes to `slash_recipient` and the slash (at the court's ratio) may be
/// executed. Overturned: the appeal bond returns to the auditor, the challenger's bond goes
/// to `slash_recipient`.
pub fn rule(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    ruling: RulingMsg,
) -> Result<Response, ContractError> {
    let RulingMsg {
        challenge_id,
        uphold,
        slash_ratio,
    } = ruling;
    // the sender first: the court of this appeal, or (for any other challenge id) the court
    // configured now; without either nobody may rule
    let config = CONFIG.load(deps.storage)?;
    let challenge = challenge_map().may_load(deps.storage, challenge_id)?;
    let court = match challenge.as_ref().and_then(|c| c.court.as_ref()) {
        Some(court) => Some(court),
        None => config.disputes.as_ref().and_then(|d| d.court.as_ref()),
    };
    if court != Some(&info.sender) {
        return Err(ContractError::Unauthorized {
            sender: info.sender,
            required: "the court of the appeal",
        });
    }
    cw_utils::nonpayable(&info)?;
    let (staking, disputes) = config.disputes()?;
    let mut challenge = challenge.ok_or(ContractError::ChallengeNotFound { challenge_id })?;
    if challenge.status != ChallengeStatus::Appealed {
        return Err(ContractError::NotAppealed {
            challenge_id,
            status: challenge.status,
        });
    }
    let ratio = check_ratio(uphold, slash_ratio)?;
    let appeal_bond = challenge.appeal_bond.unwrap_or_default();
    let recipient = &disputes.slash_recipient;
    let mut payouts: Vec<BankMsg> = vec![];
    challenge.resolved_at = Some(env.block.time);
    if uphold {
        challenge.status = ChallengeStatus::Upheld;
        challenge.slash_ratio = ratio;
        challenge.ruled = true;
        payouts.extend(send(recipient, appeal_bond, &staking.denom));
    } else {
        challenge.status = ChallengeStatus::Overturned;
        payouts.extend(send(&challenge.auditor, appeal_bond, &staking.denom));
        payouts.extend(send(recipient, challenge.bond, &staking.denom));
        release_lock(deps.storage, &challenge.auditor)?;
    }
    save_challenge(deps.storage, challenge_id, &challenge)?;
    Ok(response("rule", challenge_id, &challenge).add_messages(payouts))
}

/// When an upheld challenge's slash is final: at once after the court's ruling, else
/// once the appeal window has passed.
pub fn final_at(challenge: &Challenge) -> Option<cosmwasm_std::Timestamp> {
    match (challenge.status, challenge.ruled) {
        (ChallengeStatus::Upheld, true) => challenge.resolved_at,
        (ChallengeStatus::Upheld, false) => challenge.appeal_deadline,
        _ => None,
    }
}

/// Anyone, once final: cuts the bond and every claim by the ratio and pays out exactly
/// the sum taken (the challenger's reward and bond back, the rest to `slash_recipient`).
pub fn execute_slash(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    challenge_id: u64,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let (staking, disputes) = config.disputes()?;
    cw_utils::nonpayable(&info)?;
    let mut challenge = load_challenge(deps.storage, challenge_id)?;
    match challenge.status {
        ChallengeStatus::Slashed => return Err(ContractError::AlreadySlashed { challenge_id }),
        ChallengeStatus::Upheld => {}
        status => {
            return Err(ContractError::NotUpheld {
                challenge_id,
                status,
            })
        }
    }
    let final_at = final_at(&challenge).unwrap_or(env.block.time);
    if env.block.time < final_at {
        return Err(ContractError::SlashNotFinal {
            challenge_id,
            final_at,
        });
    }
    let ratio = challenge
        .slash_ratio
        .ok_or(ContractError::MissingSlashRatio)?;
    let auditor = challenge.auditor.clone();
    let mut stake = load_stake(deps.storage, &auditor)?;
    let old_bond = stake.bonded;
    let taken = cut_stake(&mut stake, ratio);
    stake.pending_challenges = stake.pending_challenges.saturating_sub(1);
    save_stake(deps.storage, &auditor, &stake)?;
    let role = current_role(&deps.querier, &config, &auditor)?;
    let revoke = revoke_if_unbonded(&config, staking, &auditor, role, old_bond, stake.bonded)?;

    let (to_challenger, to_recipient) =
        split_payout(taken, disputes.challenger_reward, challenge.bond);
    let payouts: Vec<BankMsg> = [
        send(&challenge.challenger, to_challenger, &staking.denom),
        send(&disputes.slash_recipient, to_recipient, &staking.denom),
    ]
    .into_iter()
    .flatten()
    .collect();

    challenge.status = ChallengeStatus::Slashed;
    challenge.slashed_amount = Some(taken);
    save_challenge(deps.storage, challenge_id, &challenge)?;
    let voided_report = void_report(deps.storage, &challenge)?;
    let event = NewEvent {
        actor: info.sender,
        pubkey: None,
        kind: ReportEventKind::Slashed,
        data: ReportEventData::Slashed {
            auditor: auditor.clone(),
            challenge_id,
            slash_ratio: ratio,
            amount: taken,
            voided_report,
        },
    };
    let head = REPORTS_LOG.append(deps.storage, &env, &challenge.release_id, event)?;
    let mut response = response("execute_slash", challenge_id, &challenge)
        .add_messages(payouts)
        .add_messages(revoke)
        .add_attribute("amount", taken)
        .add_attribute("challenger_payout", to_challenger)
        .add_attribute("recipient_payout", to_recipient);
    if let Some(seq) = voided_report {
        response = response.add_attribute("voided_report", seq.to_string());
    }
    Ok(response.add_attributes(LogName::Reports.attributes(head.length - 1..head.length)))
}

/// The challenged report is void from now on, if it is still the auditor's newest on the
/// release (a newer one, posted since the challenge, is a report of its own). Returns the
/// voided report's seq in the reports log.
fn void_report(
    store: &mut dyn Storage,
    challenge: &Challenge,
) -> Result<Option<u64>, ContractError> {
    let key = (challenge.release_id.as_str(), &challenge.auditor);
    match LATEST.may_load(store, key)? {
        Some(mut latest) if latest.log_seq == challenge.report_seq => {
            latest.voided = true;
            LATEST.save(store, key, &latest)?;
            Ok(Some(latest.log_seq))
        }
        _ => Ok(None),
    }
}
