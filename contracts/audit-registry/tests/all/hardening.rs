//! Issue 11: the holes an adversary could use in the registry, each shown closed (each of
//! these failed before its fix). Cases 1 to 3 also run through the whole DAO in the flows
//! (`packages/berty-testing/tests/flows/staked.rs`) and in `gas.rs` (the 1,000 ex-auditors).

use berty_audit_registry::config::{MAX_PERIOD, MIN_PERIOD};
use berty_audit_registry::ContractError;
use berty_interface::audit_registry::RulingMsg;
use berty_interface::audit_registry::{
    DisputesMsg, ExecuteMsg, InstantiateMsg, ReportEventData, ReportStatus, StakingConfig,
};
use berty_testing::assert_error;
use berty_testing::registry::{
    attribute, contracts_run, staking_config, RegistrySuite, APPEAL_WINDOW, CHALLENGE_BOND, DENOM,
    MIN_BOND,
};
use cosmwasm_std::{coins, Decimal, Uint128};
use cw_multi_test::Executor;
use serde_json::json;

fn disputes(court: Option<String>, suite: &RegistrySuite) -> DisputesMsg {
    DisputesMsg {
        challenge_bond: Uint128::new(CHALLENGE_BOND),
        appeal_window: APPEAL_WINDOW,
        court,
        slash_recipient: suite.slash_recipient.to_string(),
        challenger_reward: Decimal::percent(10),
    }
}

fn update_disputes(suite: &mut RegistrySuite, court: Option<String>) {
    suite
        .update_settings(None, Some(disputes(court, suite)))
        .unwrap();
}

/// Case 7: governance removed the court while an appeal waited for it, and nobody could
/// rule: both bonds and the auditor's claims were locked for good. The court that rules
/// is the one the appeal was filed with.
#[test]
fn the_court_of_an_appeal_rules_even_after_the_config_drops_it() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, cleo) = (suite.addr("sam"), suite.addr("cleo"));
    let rc = suite.candidate("rc1");
    suite.bond(&sam, 2 * MIN_BOND).unwrap();
    suite.submit_report(&sam, &rc, ReportStatus::NoGo).unwrap();
    let id = suite.challenge(&cleo, &sam, &rc).unwrap();
    suite.resolve(id, true, Some(Decimal::percent(50))).unwrap();
    let res = suite.appeal(&sam, id).unwrap();
    assert_eq!(attribute(&res, "court"), Some(suite.court.to_string()));
    assert_eq!(suite.challenge_info(id).court, Some(suite.court.clone()));
    // governance drops the court, then names another one
    update_disputes(&mut suite, None);
    let other = suite.addr("other-court");
    update_disputes(&mut suite, Some(other.to_string()));
    let msg = ExecuteMsg::Rule(RulingMsg {
        challenge_id: id,
        uphold: false,
        slash_ratio: None,
    });
    let err = suite.execute(&other, &msg, &[]).unwrap_err();
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: other,
            required: "the court of the appeal",
        },
    );
    // the appeal's court overturns it: the bonds are paid, the claims unlocked
    suite.rule(id, false, None).unwrap();
    assert!(!suite.stake(&sam).locked);
    assert_eq!(suite.balance(&sam), CHALLENGE_BOND);
}

/// Case 10: who may appeal or rule is checked before the mode, the configuration or the
/// challenge's state is looked at.
#[test]
fn appeal_and_rule_check_the_sender_first() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, cleo, mallory) = (suite.addr("sam"), suite.addr("cleo"), suite.addr("mallory"));
    let rc = suite.candidate("rc1");
    suite.bond(&sam, 2 * MIN_BOND).unwrap();
    suite.submit_report(&sam, &rc, ReportStatus::Go).unwrap();
    let id = suite.challenge(&cleo, &sam, &rc).unwrap();
    // still open (not appealable), or unknown (no auditor), funds attached: the sender is
    // named first
    suite.fund(&mallory, 1);
    for challenge_id in [id, 99] {
        let appeal = ExecuteMsg::Appeal { challenge_id };
        let err = suite
            .execute(&mallory, &appeal, &cosmwasm_std::coins(1, DENOM))
            .unwrap_err();
        assert_error(
            err,
            ContractError::Unauthorized {
                sender: mallory.clone(),
                required: "the challenged auditor",
            },
        );
    }
    // the court's message from anyone else, on a challenge that is not appealed, or none
    for challenge_id in [id, 99] {
        let rule = ExecuteMsg::Rule(RulingMsg {
            challenge_id,
            uphold: true,
            slash_ratio: Some(Decimal::percent(200)),
        });
        let err = suite.execute(&mallory, &rule, &[]).unwrap_err();
        assert_error(
            err,
            ContractError::Unauthorized {
                sender: mallory.clone(),
                required: "the court of the appeal",
            },
        );
    }
    // the court itself then hears what is wrong
    assert_error(
        suite.rule(99, true, None).unwrap_err(),
        ContractError::ChallengeNotFound { challenge_id: 99 },
    );
    // in whitelist mode nobody is the court, and no challenge has an auditor: a stranger's
    // appeal is unauthorized, not `NotStakedMode`
    let mut whitelist = RegistrySuite::whitelist().build();
    let mallory = whitelist.addr("mallory");
    assert_error(
        whitelist.appeal(&mallory, 99).unwrap_err(),
        ContractError::Unauthorized {
            sender: mallory,
            required: "the challenged auditor",
        },
    );
    let court = whitelist.court.clone();
    assert_error(
        whitelist.rule(1, true, None).unwrap_err(),
        ContractError::Unauthorized {
            sender: court,
            required: "the court of the appeal",
        },
    );
}

/// Case 6: with `unbonding_period: 0` an auditor bonded, reported, unbonded and claimed in
/// one block, leaving nothing to slash; with `appeal_window: 0` no appeal was possible.
#[test]
fn periods_below_a_second_are_refused() {
    let mut suite = RegistrySuite::staked().build();
    let instant = StakingConfig {
        unbonding_period: 0,
        ..staking_config()
    };
    let mut no_appeal = disputes(None, &suite);
    no_appeal.appeal_window = 0;
    for (staking, disputes, field) in [
        (Some(instant), None, "unbonding_period"),
        (None, Some(no_appeal), "appeal_window"),
    ] {
        let err = suite.update_settings(staking, disputes).unwrap_err();
        let too_short = ContractError::PeriodTooShort {
            field,
            seconds: 0,
            min: 1,
        };
        assert_error(err, too_short);
    }
    // a second is enough
    let mut quick = disputes(None, &suite);
    quick.appeal_window = 1;
    let one_second = StakingConfig {
        unbonding_period: 1,
        ..staking_config()
    };
    suite
        .update_settings(Some(one_second), Some(quick))
        .unwrap();
}

/// Case 11: a report and a slash name the reports log and the seq they appended.
#[test]
fn reports_and_slashes_name_their_log_and_seq() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, cleo, anyone) = (suite.addr("sam"), suite.addr("cleo"), suite.addr("anyone"));
    let rc = suite.candidate("rc1");
    suite.bond(&sam, 2 * MIN_BOND).unwrap();
    for seq in 0..2 {
        let res = suite.submit_report(&sam, &rc, ReportStatus::NoGo).unwrap();
        assert_eq!(attribute(&res, "log").as_deref(), Some("reports"));
        assert_eq!(attribute(&res, "seq"), Some(seq.to_string()));
        assert_eq!(attribute(&res, "history_seq"), Some(seq.to_string()));
    }
    let id = suite.challenge(&cleo, &sam, &rc).unwrap();
    assert_eq!(suite.challenge_info(id).report_seq, 1);
    suite.resolve(id, true, Some(Decimal::percent(10))).unwrap();
    suite.advance(APPEAL_WINDOW);
    let res = suite.execute_slash(&anyone, id).unwrap();
    assert_eq!(attribute(&res, "log").as_deref(), Some("reports"));
    assert_eq!(attribute(&res, "seq").as_deref(), Some("2"));
    assert_eq!(attribute(&res, "voided_report").as_deref(), Some("1"));
    let log = suite.report_log(&rc, None, None).events;
    assert!(matches!(
        log[2].event.data,
        ReportEventData::Slashed {
            voided_report: Some(1),
            ..
        }
    ));
}

/// Case 2, the registry's part: the slash voids the challenged report, still the newest;
/// a report posted after the challenge is the auditor's own and is not voided.
#[test]
fn a_slash_voids_the_challenged_report_only() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, cleo, anyone) = (suite.addr("sam"), suite.addr("cleo"), suite.addr("anyone"));
    let (rc, other) = (suite.candidate("rc1"), suite.candidate("rc2"));
    suite.bond(&sam, 2 * MIN_BOND).unwrap();
    suite.submit_report(&sam, &rc, ReportStatus::NoGo).unwrap();
    suite
        .submit_report(&sam, &other, ReportStatus::NoGo)
        .unwrap();
    let id = suite.challenge(&cleo, &sam, &rc).unwrap();
    suite.resolve(id, true, Some(Decimal::percent(10))).unwrap();
    suite.advance(APPEAL_WINDOW);
    suite.execute_slash(&anyone, id).unwrap();
    // the role stays (the bond is above min_bond); the voided report no longer blocks
    let report = suite.report(&rc, &sam).unwrap();
    assert!(report.voided && !report.counted);
    let gate = suite.gate(&rc);
    assert!(gate.blocking.is_empty());
    assert_eq!(gate.not_counted, vec![sam.clone()]);
    // a top-up does not revive it; its report on another release was not challenged
    suite.bond(&sam, MIN_BOND).unwrap();
    assert!(suite.gate(&rc).blocking.is_empty());
    assert_eq!(suite.gate(&other).blocking, vec![sam.clone()]);
    // the history shows which report is void
    let history = suite.history(&rc, &sam, None, None).unwrap().reports;
    assert!(history[0].voided);

    // challenged, then replaced before the slash: the slash voids nothing
    let id = suite.challenge(&cleo, &sam, &other).unwrap();
    suite.submit_report(&sam, &other, ReportStatus::Go).unwrap();
    suite.resolve(id, true, Some(Decimal::percent(10))).unwrap();
    suite.advance(APPEAL_WINDOW);
    let res = suite.execute_slash(&anyone, id).unwrap();
    assert_eq!(attribute(&res, "voided_report"), None);
    assert_eq!(suite.gate(&other).positive, vec![sam.clone()]);
}

/// Case 1: the bar is on the role, not on the money. A barred address's bond (topped up
/// after the removal) and its unbonding claim are still slashed for its report, the
/// report is voided, and the slash neither asks membership anything nor lifts the bar.
#[test]
fn a_barred_address_is_still_slashed() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, cleo, anyone) = (suite.addr("sam"), suite.addr("cleo"), suite.addr("anyone"));
    let rc = suite.candidate("rc1");
    suite.bond(&sam, 2 * MIN_BOND).unwrap();
    suite.submit_report(&sam, &rc, ReportStatus::NoGo).unwrap();
    suite.set_members(&[], &[&sam]);
    assert!(suite.member(&sam).barred);
    // bonding more and unbonding still work for it, and grant nothing
    suite.bond(&sam, MIN_BOND).unwrap();
    suite.unbond(&sam, MIN_BOND).unwrap();
    assert_eq!(suite.role(&sam), None);
    let id = suite.challenge(&cleo, &sam, &rc).unwrap();
    suite.resolve(id, true, Some(Decimal::percent(60))).unwrap();
    suite.advance(APPEAL_WINDOW);
    let res = suite.execute_slash(&anyone, id).unwrap();
    // 60% of the 2 x MIN_BOND bonded and of the MIN_BOND claim: the bond falls below
    // min_bond, and still no role is revoked (it holds none) nor membership called
    assert_eq!(
        attribute(&res, "amount"),
        Some((18 * MIN_BOND / 10).to_string())
    );
    assert_eq!(attribute(&res, "voided_report").as_deref(), Some("0"));
    assert_eq!(contracts_run(&res), vec![suite.contract.clone()]);
    assert_eq!(
        suite.challenge_info(id).status,
        berty_interface::audit_registry::ChallengeStatus::Slashed
    );
    let stake = suite.stake(&sam);
    assert_eq!(stake.bonded, Uint128::new(8 * MIN_BOND / 10));
    assert_eq!(stake.unbonding[0].amount, Uint128::new(4 * MIN_BOND / 10));
    assert_eq!(suite.role(&sam), None);
    assert!(suite.member(&sam).barred);
    assert!(suite.report(&rc, &sam).unwrap().voided);
}

/// Case 12: the challenge message is `challenge_report` (SPEC); the old name `challenge`
/// is an unknown message now, not an alias.
#[test]
fn the_challenge_message_is_named_challenge_report() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, cleo) = (suite.addr("sam"), suite.addr("cleo"));
    let rc = suite.bonded_report(&sam, ReportStatus::NoGo);
    suite.fund(&cleo, CHALLENGE_BOND);
    let body = json!({"auditor": sam, "release_id": rc, "evidence_uri": "https://evidence"});
    let contract = suite.contract.clone();
    let bond = coins(CHALLENGE_BOND, DENOM);
    let err = suite
        .app
        .execute_contract(
            cleo.clone(),
            contract.clone(),
            &json!({ "challenge": body }),
            &bond,
        )
        .unwrap_err();
    assert_error(format!("{err:?}"), "unknown variant `challenge`");
    assert_eq!(suite.balance(&cleo), CHALLENGE_BOND);
    let res = suite
        .app
        .execute_contract(cleo, contract, &json!({ "challenge_report": body }), &bond)
        .unwrap();
    assert_eq!(
        attribute(&res, "action").as_deref(),
        Some("challenge_report")
    );
    assert_eq!(attribute(&res, "challenge_id").as_deref(), Some("1"));
}

/// The 100-year cap on `unbonding_period` and `appeal_window` (a deadline is the block time
/// plus the period in nanoseconds): exactly `MAX_PERIOD` is accepted, at instantiate and in
/// `update_config`, and the deadlines it gives are computed; one second more is refused
/// (so is one second less than `MIN_PERIOD`, at instantiate too).
#[test]
fn periods_of_exactly_a_hundred_years_are_accepted_and_a_second_more_refused() {
    assert_eq!(MAX_PERIOD, 100 * 365 * 24 * 3600);
    let mut suite = RegistrySuite::staked().build();
    let (code, deployer) = (suite.code_id, suite.addr("deployer"));
    let instantiate = |suite: &mut RegistrySuite, unbonding_period: u64, appeal_window: u64| {
        let msg = InstantiateMsg {
            membership: suite.membership.to_string(),
            release: suite.release.to_string(),
            governance: suite.governance.to_string(),
            staking: Some(StakingConfig {
                unbonding_period,
                ..staking_config()
            }),
            disputes: Some(DisputesMsg {
                appeal_window,
                ..disputes(None, suite)
            }),
        };
        suite
            .app
            .instantiate_contract(code, deployer.clone(), &msg, &[], "r", None)
            .map_err(|e| format!("{e:?}"))
    };
    let too_long = |field, seconds| ContractError::PeriodTooLong {
        field,
        seconds,
        max: MAX_PERIOD,
    };
    let too_short = |field| ContractError::PeriodTooShort {
        field,
        seconds: MIN_PERIOD - 1,
        min: MIN_PERIOD,
    };
    instantiate(&mut suite, MAX_PERIOD, MAX_PERIOD).unwrap();
    instantiate(&mut suite, MIN_PERIOD, MIN_PERIOD).unwrap();
    for (unbonding, appeal, expected) in [
        (
            MAX_PERIOD + 1,
            MAX_PERIOD,
            too_long("unbonding_period", MAX_PERIOD + 1),
        ),
        (
            MAX_PERIOD,
            MAX_PERIOD + 1,
            too_long("appeal_window", MAX_PERIOD + 1),
        ),
        (MIN_PERIOD - 1, MIN_PERIOD, too_short("unbonding_period")),
        (MIN_PERIOD, MIN_PERIOD - 1, too_short("appeal_window")),
    ] {
        assert_error(
            instantiate(&mut suite, unbonding, appeal).unwrap_err(),
            expected,
        );
    }

    let update = |suite: &mut RegistrySuite, unbonding_period: u64, appeal_window: u64| {
        let staking = StakingConfig {
            unbonding_period,
            ..staking_config()
        };
        let disputes = DisputesMsg {
            appeal_window,
            ..disputes(None, suite)
        };
        suite.update_settings(Some(staking), Some(disputes))
    };
    assert_error(
        update(&mut suite, MAX_PERIOD + 1, MAX_PERIOD).unwrap_err(),
        too_long("unbonding_period", MAX_PERIOD + 1),
    );
    assert_error(
        update(&mut suite, MAX_PERIOD, MAX_PERIOD + 1).unwrap_err(),
        too_long("appeal_window", MAX_PERIOD + 1),
    );
    update(&mut suite, MAX_PERIOD, MAX_PERIOD).unwrap();
    let config = suite.config();
    assert_eq!(config.staking.unwrap().unbonding_period, MAX_PERIOD);
    assert_eq!(config.disputes.unwrap().appeal_window, MAX_PERIOD);
    // both deadlines, a hundred years on
    let (sam, cleo) = (suite.addr("sam"), suite.addr("cleo"));
    let rc = suite.candidate("rc1");
    suite.bond(&sam, 2 * MIN_BOND).unwrap();
    suite.submit_report(&sam, &rc, ReportStatus::NoGo).unwrap();
    suite.unbond(&sam, MIN_BOND).unwrap();
    let now = suite.now();
    assert_eq!(
        suite.stake(&sam).unbonding[0].release_at,
        now.plus_seconds(MAX_PERIOD)
    );
    let id = suite.challenge(&cleo, &sam, &rc).unwrap();
    suite.resolve(id, true, Some(Decimal::percent(10))).unwrap();
    assert_eq!(
        suite.challenge_info(id).appeal_deadline,
        Some(now.plus_seconds(MAX_PERIOD))
    );
}
