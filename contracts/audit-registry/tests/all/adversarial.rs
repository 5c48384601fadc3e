//! An adversarial review: SPEC's JSON sent as a black-box test would write it, answer
//! shapes read as raw JSON, funds, ordering, money and role edges, extreme inputs.

use berty_audit_registry::config::MAX_PERIOD;
use berty_audit_registry::ContractError;
use berty_interface::audit_registry::RulingMsg;
use berty_interface::audit_registry::SubmitReportMsg;
use berty_interface::audit_registry::UpdateRegistryConfigMsg;
use berty_interface::audit_registry::{
    ChallengeStatus, ExecuteMsg, InstantiateMsg, ReportEventKind, ReportStatus,
};
use berty_interface::release::ReleaseStatus;
use berty_interface::Role;
use berty_testing::assert_error;
use berty_testing::registry::{
    attribute, contracts_run, digest, release_id, staking_config, RegistrySuite, APPEAL_WINDOW,
    CHALLENGE_BOND, DENOM, MIN_BOND, UNBONDING_PERIOD,
};
use cosmwasm_std::{coin, Addr, Coin, Decimal, Uint128};
use cw_multi_test::{AppResponse, Executor};
use serde_json::{json, Value};

fn exec_json(
    suite: &mut RegistrySuite,
    sender: &Addr,
    msg: Value,
    funds: &[Coin],
) -> Result<AppResponse, String> {
    let contract = suite.contract.clone();
    suite
        .app
        .execute_contract(sender.clone(), contract, &msg, funds)
        .map_err(|e| format!("{e:?}"))
}

fn query_json(suite: &RegistrySuite, msg: Value) -> Result<Value, String> {
    suite
        .app
        .wrap()
        .query_wasm_smart(suite.contract.clone(), &msg)
        .map_err(|e| e.to_string())
}

/// Keys of a JSON object, sorted.
fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

/// sam bonded 2 × min_bond and reported `go` on rc1; cleo challenged it (id 1).
fn disputed() -> (RegistrySuite, Addr, Addr, String) {
    let mut suite = RegistrySuite::staked().build();
    let (sam, cleo) = (suite.addr("sam"), suite.addr("cleo"));
    let rc = suite.candidate("rc1");
    suite.bond(&sam, 2 * MIN_BOND).unwrap();
    suite.submit_report(&sam, &rc, ReportStatus::Go).unwrap();
    assert_eq!(suite.challenge(&cleo, &sam, &rc).unwrap(), 1);
    (suite, sam, cleo, rc)
}

#[test]
fn spec_json_messages_with_optional_fields_omitted_or_null() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, cleo) = (suite.addr("sam"), suite.addr("cleo"));
    let rc = suite.candidate("rc1");
    suite.fund(&sam, MIN_BOND);
    exec_json(
        &mut suite,
        &sam,
        json!({"bond": {}}),
        &[coin(MIN_BOND, DENOM)],
    )
    .unwrap();
    assert_eq!(suite.role(&sam), Some(Role::Auditor));
    let report = |signature: Option<Value>| {
        let mut body = json!({
            "release_id": rc,
            "status": "go_with_warnings",
            "report_uri": "ipfs://report",
            "report_digest": digest("r"),
        });
        if let Some(signature) = signature {
            body["signature"] = signature;
        }
        json!({ "submit_report": body })
    };
    exec_json(&mut suite, &sam, report(None), &[]).unwrap();
    exec_json(&mut suite, &sam, report(Some(Value::Null)), &[]).unwrap();
    suite.fund(&cleo, CHALLENGE_BOND);
    let res = exec_json(
        &mut suite,
        &cleo,
        json!({"challenge_report": {"auditor": sam, "release_id": rc, "evidence_uri": "https://evidence"}}),
        &[coin(CHALLENGE_BOND, DENOM)],
    )
    .unwrap();
    assert_eq!(attribute(&res, "challenge_id").as_deref(), Some("1"));
    let gov = suite.governance.clone();
    exec_json(
        &mut suite,
        &gov,
        json!({"resolve_challenge": {"challenge_id": 1, "uphold": true, "slash_ratio": "0.5"}}),
        &[],
    )
    .unwrap();
    exec_json(&mut suite, &sam, json!({"unbond": {"amount": "10"}}), &[]).unwrap();
    // queries with every optional field omitted, then null
    for extra in [json!({}), json!({"start_after": null, "limit": null})] {
        let mut reports = json!({"release_id": rc});
        let mut challenges = json!({});
        let mut log = json!({"release_id": rc});
        for (k, v) in extra.as_object().unwrap() {
            reports[k] = v.clone();
            challenges[k] = v.clone();
            log[k] = v.clone();
        }
        challenges["auditor"] = Value::Null;
        challenges["status"] = Value::Null;
        let answer = query_json(&suite, json!({ "reports": reports })).unwrap();
        assert_eq!(keys(&answer), vec!["reports"]);
        assert_eq!(answer["reports"].as_array().unwrap().len(), 1);
        // sam unbonded below min_bond: its report no longer counts
        assert_eq!(answer["reports"][0]["counted"], json!(false));
        assert_eq!(answer["reports"][0]["status"], json!("go_with_warnings"));
        let answer = query_json(&suite, json!({ "challenges": challenges })).unwrap();
        assert_eq!(keys(&answer), vec!["challenges"]);
        // ids are JSON numbers, statuses snake_case, amounts strings
        assert_eq!(answer["challenges"][0]["challenge_id"], json!(1));
        assert_eq!(answer["challenges"][0]["status"], json!("upheld"));
        assert_eq!(answer["challenges"][0]["bond"], json!("100"));
        let answer = query_json(&suite, json!({ "report_log": log })).unwrap();
        assert_eq!(keys(&answer), vec!["events"]);
        assert_eq!(keys(&answer["events"][0]), vec!["event", "hash"]);
    }
    let answer = query_json(&suite, json!({"stake": {"auditor": sam}})).unwrap();
    for key in ["bonded", "unbonding", "locked", "active"] {
        assert!(answer.get(key).is_some(), "stake answer has {key}");
    }
    assert_eq!(answer["bonded"], json!("990"));
    assert_eq!(answer["unbonding"][0]["amount"], json!("10"));
    assert!(answer["unbonding"][0]["release_at"].is_string());
    assert_eq!(answer["locked"], json!(true));
    assert_eq!(answer["active"], json!(false));
}

#[test]
fn empty_answers_keep_their_array_fields() {
    let suite = RegistrySuite::staked().build();
    let nobody = suite.addr("nobody");
    let rc = release_id("nothing yet");
    let gate = query_json(&suite, json!({"audit_gate": {"release_id": rc}})).unwrap();
    assert_eq!(
        keys(&gate),
        vec![
            "blocking",
            "not_counted",
            "passed",
            "positive",
            "reports_log"
        ]
    );
    for key in ["positive", "blocking", "not_counted"] {
        assert_eq!(gate[key], json!([]), "{key}");
    }
    assert_eq!(gate["passed"], json!(false));
    assert_eq!(gate["reports_log"]["length"], json!(0));
    let stake = query_json(&suite, json!({"stake": {"auditor": nobody}})).unwrap();
    assert_eq!(stake["unbonding"], json!([]));
    assert_eq!(stake["bonded"], json!("0"));
    let reports = query_json(&suite, json!({"reports": {"release_id": rc}})).unwrap();
    assert_eq!(reports, json!({"reports": []}));
    let challenges = query_json(&suite, json!({"challenges": {}})).unwrap();
    assert_eq!(challenges, json!({"challenges": []}));
    let log = query_json(&suite, json!({"report_log": {"release_id": rc}})).unwrap();
    assert_eq!(log, json!({"events": []}));
}

#[test]
fn missing_things_are_errors_that_name_them() {
    let suite = RegistrySuite::staked().build();
    let nobody = suite.addr("nobody");
    let rc = release_id("rc-missing");
    let err = query_json(&suite, json!({"challenge": {"challenge_id": 42}})).unwrap_err();
    assert!(err.contains("challenge 42 not found"), "{err}");
    let err = query_json(
        &suite,
        json!({"report": {"release_id": rc, "auditor": nobody}}),
    )
    .unwrap_err();
    assert!(err.contains(&rc) && err.contains(nobody.as_str()), "{err}");
    let err = query_json(
        &suite,
        json!({"report_history": {"release_id": rc, "auditor": nobody}}),
    )
    .unwrap_err();
    assert!(err.contains(&rc), "{err}");
}

#[test]
fn extreme_query_inputs_do_not_panic() {
    let (suite, sam, _, rc) = disputed();
    let max = u64::MAX;
    for msg in [
        json!({"reports": {"release_id": rc, "limit": u32::MAX}}),
        json!({"reports": {"release_id": "", "limit": 0}}),
        json!({"report_history": {"release_id": rc, "auditor": sam, "start_after": max, "limit": 0}}),
        json!({"challenges": {"start_after": max, "limit": u32::MAX}}),
        json!({"challenges": {"auditor": sam, "status": "slashed"}}),
        json!({"report_log": {"release_id": rc, "start_after": max}}),
        json!({"report_log": {"release_id": "not a digest"}}),
        json!({"report_log_head": {"release_id": "x"}}),
    ] {
        query_json(&suite, msg.clone()).unwrap_or_else(|e| panic!("{msg}: {e}"));
    }
    let page = query_json(
        &suite,
        json!({"report_log": {"release_id": rc, "limit": 1}}),
    )
    .unwrap();
    assert_eq!(page["events"][0]["event"]["seq"], json!(0));
    let page = query_json(
        &suite,
        json!({"report_log": {"release_id": rc, "start_after": 0}}),
    )
    .unwrap();
    assert_eq!(page, json!({"events": []}));
    // bad input is an error, not a panic
    for msg in [
        json!({"stake": {"auditor": "not-an-address"}}),
        json!({"challenges": {"status": "pending"}}),
        json!({"audit_gate": {"release_id": "ABC"}}),
    ] {
        query_json(&suite, msg.clone()).expect_err(&msg.to_string());
    }
}

#[test]
fn non_payable_messages_refuse_funds_of_any_denom() {
    let (mut suite, sam, cleo, rc) = disputed();
    let gov = suite.governance.clone();
    let court = suite.court.clone();
    suite.fund(&sam, 10);
    suite.fund(&gov, 10);
    suite.fund(&court, 10);
    suite.fund(&cleo, 10);
    let funds = [coin(1, DENOM)];
    let cases: Vec<(&Addr, ExecuteMsg)> = vec![
        (
            &sam,
            ExecuteMsg::Unbond {
                amount: Uint128::new(1),
            },
        ),
        (&sam, ExecuteMsg::Claim {}),
        (&sam, RegistrySuite::report_msg(&rc, ReportStatus::Go, None)),
        (
            &gov,
            ExecuteMsg::ResolveChallenge(RulingMsg {
                challenge_id: 1,
                uphold: true,
                slash_ratio: Some(Decimal::percent(10)),
            }),
        ),
        (&cleo, ExecuteMsg::ExecuteSlash { challenge_id: 1 }),
        (
            &gov,
            ExecuteMsg::UpdateConfig(UpdateRegistryConfigMsg {
                membership: None,
                release: None,
                staking: None,
                disputes: None,
            }),
        ),
        (
            &gov,
            ExecuteMsg::TransferOwnership {
                new_owner: court.to_string(),
            },
        ),
    ];
    let before = suite.registry_balance();
    for (sender, msg) in cases {
        let err = suite
            .execute(sender, &msg, &funds)
            .expect_err("funds refused");
        assert_error(err, cw_utils::PaymentError::NonPayable {});
    }
    assert_eq!(suite.registry_balance(), before);
}

#[test]
fn authorization_comes_before_validation_and_funds() {
    let (mut suite, _sam, cleo, _rc) = disputed();
    suite.fund(&cleo, 1_000);
    let wrong_funds = [coin(7, DENOM)];
    let unauthorized = |sender: &Addr, required: &'static str| ContractError::Unauthorized {
        sender: sender.clone(),
        required,
    };
    // a report with malformed fields and funds, from a non-auditor
    let bad_report = ExecuteMsg::SubmitReport(SubmitReportMsg {
        release_id: "nope".into(),
        status: ReportStatus::Go,
        report_uri: "ftp://x".into(),
        report_digest: "xyz".into(),
        signature: None,
    });
    let err = suite.execute(&cleo, &bad_report, &wrong_funds).unwrap_err();
    assert_error(err, unauthorized(&cleo, "an active auditor"));
    // governance messages on a missing challenge, with a bad ratio and funds
    let resolve = ExecuteMsg::ResolveChallenge(RulingMsg {
        challenge_id: 99,
        uphold: true,
        slash_ratio: Some(Decimal::percent(500)),
    });
    let err = suite.execute(&cleo, &resolve, &wrong_funds).unwrap_err();
    assert_error(err, unauthorized(&cleo, "the governance"));
    let update = ExecuteMsg::UpdateConfig(UpdateRegistryConfigMsg {
        membership: Some("not an address".into()),
        release: None,
        staking: None,
        disputes: None,
    });
    let err = suite.execute(&cleo, &update, &wrong_funds).unwrap_err();
    assert_error(err, unauthorized(&cleo, "the governance"));
    let rule = ExecuteMsg::Rule(RulingMsg {
        challenge_id: 1,
        uphold: true,
        slash_ratio: None,
    });
    let err = suite.execute(&cleo, &rule, &wrong_funds).unwrap_err();
    assert_error(err, unauthorized(&cleo, "the court"));
    // only the challenged auditor appeals, whatever it pays
    let gov = suite.governance.clone();
    suite.resolve(1, true, Some(Decimal::percent(10))).unwrap();
    let err = suite
        .execute(&cleo, &ExecuteMsg::Appeal { challenge_id: 1 }, &wrong_funds)
        .unwrap_err();
    assert_error(err, unauthorized(&cleo, "the challenged auditor"));
    let err = suite
        .execute(&cleo, &ExecuteMsg::AcceptOwnership {}, &wrong_funds)
        .unwrap_err();
    assert_error(err, unauthorized(&cleo, "the pending governance"));
    assert_eq!(suite.config().governance, gov);
}

#[test]
fn slash_payouts_are_exact_and_rounded_down_with_no_zero_sends() {
    // reward 1/3: odd amounts round down on every part
    let mut suite = RegistrySuite::staked()
        .with_challenger_reward(Decimal::from_ratio(1u128, 3u128))
        .build();
    let (sam, cleo) = (suite.addr("sam"), suite.addr("cleo"));
    let treasury = suite.slash_recipient.clone();
    let rc = suite.candidate("rc1");
    suite.bond(&sam, 1_999).unwrap();
    suite.submit_report(&sam, &rc, ReportStatus::Go).unwrap();
    suite.unbond(&sam, 3).unwrap();
    suite.unbond(&sam, 7).unwrap();
    suite.advance(UNBONDING_PERIOD); // both matured, still cut
    suite.challenge(&cleo, &sam, &rc).unwrap();
    // 0.3: bond 1989 -> 596 (596.7), claims 3 -> 0 (0.9), 7 -> 2 (2.1): 598 taken
    suite.resolve(1, true, Some(Decimal::percent(30))).unwrap();
    suite.advance(APPEAL_WINDOW);
    let anyone = suite.addr("anyone");
    let res = suite.execute_slash(&anyone, 1).unwrap();
    assert_eq!(attribute(&res, "amount").as_deref(), Some("598"));
    // 598 / 3 = 199.33 -> 199 to cleo with its bond, 399 to the treasury
    assert_eq!(suite.balance(&cleo), 199 + CHALLENGE_BOND);
    assert_eq!(suite.balance(&treasury), 399);
    let stake = suite.stake(&sam);
    assert_eq!(stake.bonded, Uint128::new(1_989 - 596));
    let claims: Vec<u128> = stake.unbonding.iter().map(|c| c.amount.u128()).collect();
    assert_eq!(claims, vec![3, 7 - 2]);
    assert_eq!(suite.registry_balance(), 1_393 + 3 + 5);
    // 1393 is still at least min_bond: the role stays
    assert_eq!(suite.role(&sam), Some(Role::Auditor));
    assert!(!stake.locked);
    suite.claim(&sam).unwrap();
    assert_eq!(suite.balance(&sam), 8);

    // a slash so small it takes nothing: only the challenger's bond moves
    suite.bond(&sam, MIN_BOND).unwrap();
    suite.submit_report(&sam, &rc, ReportStatus::Go).unwrap();
    let dust = Decimal::from_ratio(1u128, 1_000_000u128);
    suite.challenge(&cleo, &sam, &rc).unwrap();
    suite.resolve(2, true, Some(dust)).unwrap();
    suite.advance(APPEAL_WINDOW);
    let before = suite.balance(&treasury);
    let res = suite.execute_slash(&anyone, 2).unwrap();
    assert_eq!(attribute(&res, "amount").as_deref(), Some("0"));
    assert_eq!(suite.balance(&treasury), before);
    assert_eq!(suite.registry_balance(), 1_393 + MIN_BOND);
    assert_eq!(
        suite.challenge_info(2).slashed_amount,
        Some(Uint128::zero())
    );
    let err = suite.execute_slash(&anyone, 2).unwrap_err();
    assert_error(err, ContractError::AlreadySlashed { challenge_id: 2 });
}

#[test]
fn a_full_reward_sends_nothing_to_the_recipient() {
    let mut suite = RegistrySuite::staked()
        .with_challenger_reward(Decimal::one())
        .build();
    let (sam, cleo) = (suite.addr("sam"), suite.addr("cleo"));
    let rc = suite.bonded_report(&sam, ReportStatus::Go);
    suite.challenge(&cleo, &sam, &rc).unwrap();
    suite.resolve(1, true, Some(Decimal::one())).unwrap();
    suite.advance(APPEAL_WINDOW);
    suite.execute_slash(&cleo, 1).unwrap();
    assert_eq!(suite.balance(&cleo), MIN_BOND + CHALLENGE_BOND);
    assert_eq!(suite.balance(&suite.slash_recipient.clone()), 0);
    assert_eq!(suite.registry_balance(), 0);
    assert_eq!(suite.role(&sam), None);
}

#[test]
fn claims_stay_locked_until_every_pending_challenge_ends() {
    let (mut suite, sam, cleo, rc) = disputed();
    suite.unbond(&sam, 100).unwrap();
    assert_eq!(suite.challenge(&cleo, &sam, &rc).unwrap(), 2);
    suite.advance(UNBONDING_PERIOD);
    let locked = |open| ContractError::ClaimsLocked {
        auditor: sam.clone(),
        open,
    };
    assert_error(suite.claim(&sam).unwrap_err(), locked(2));
    suite.resolve(1, false, None).unwrap();
    assert_error(suite.claim(&sam).unwrap_err(), locked(1));
    // upheld and appealed stay locked
    suite.resolve(2, true, Some(Decimal::percent(10))).unwrap();
    assert_error(suite.claim(&sam).unwrap_err(), locked(1));
    suite.appeal(&sam, 2).unwrap();
    assert_error(suite.claim(&sam).unwrap_err(), locked(1));
    suite.rule(2, true, Some(Decimal::percent(20))).unwrap();
    assert_error(suite.claim(&sam).unwrap_err(), locked(1));
    suite.execute_slash(&cleo, 2).unwrap();
    // 100 cut by 20%
    suite.claim(&sam).unwrap();
    assert_eq!(suite.balance(&sam), 80);
    // balance = bonded + unbonding + open bonds
    let stake = suite.stake(&sam);
    assert_eq!(stake.bonded, Uint128::new(1_900 - 380));
    assert_eq!(suite.registry_balance(), 1_520);
}

#[test]
fn the_role_follows_the_bond_at_exactly_min_bond() {
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    suite.bond(&sam, MIN_BOND - 1).unwrap();
    assert_eq!(suite.role(&sam), None);
    let res = suite.bond(&sam, 1).unwrap();
    assert_eq!(suite.role(&sam), Some(Role::Auditor));
    assert!(contracts_run(&res).contains(&suite.membership));
    // a top-up above min_bond does not call membership
    let res = suite.bond(&sam, 1).unwrap();
    assert_eq!(contracts_run(&res), vec![suite.contract.clone()]);
    suite.unbond(&sam, 1).unwrap();
    assert_eq!(suite.role(&sam), Some(Role::Auditor));
    let res = suite.unbond(&sam, 1).unwrap();
    assert_eq!(suite.role(&sam), None);
    assert!(contracts_run(&res).contains(&suite.membership));
    let res = suite.unbond(&sam, 1).unwrap();
    assert_eq!(contracts_run(&res), vec![suite.contract.clone()]);
}

#[test]
fn a_report_and_a_signed_report_run_only_the_registry() {
    let mut suite = RegistrySuite::staked().build();
    let key = berty_testing::TestKey::from_seed("adversarial auditor");
    let sam = key.addr(suite.app.api());
    let rc = suite.candidate("rc1");
    suite.bond(&sam, MIN_BOND).unwrap();
    suite.register_pubkey(&key).unwrap();
    let res = suite.submit_report(&sam, &rc, ReportStatus::NoGo).unwrap();
    assert_eq!(contracts_run(&res), vec![suite.contract.clone()]);
    let signature = suite.sign_report(&key, &rc, ReportStatus::Go);
    let msg = RegistrySuite::report_msg(&rc, ReportStatus::Go, Some(signature.clone()));
    let res = suite.execute(&sam, &msg, &[]).unwrap();
    assert_eq!(contracts_run(&res), vec![suite.contract.clone()]);
    let report = suite.report(&rc, &sam).unwrap();
    assert_eq!(report.signature, Some(signature.clone()));
    assert_eq!(report.pubkey, Some(key.pubkey()));
    // a signature over another status does not verify; garbage neither; neither panics
    let wrong = RegistrySuite::report_msg(&rc, ReportStatus::NoGo, Some(signature));
    let err = suite.execute(&sam, &wrong, &[]).unwrap_err();
    assert_error(
        err,
        ContractError::InvalidSignature {
            auditor: sam.clone(),
        },
    );
    let garbage = RegistrySuite::report_msg(&rc, ReportStatus::Go, Some(vec![0u8; 3].into()));
    let err = suite.execute(&sam, &garbage, &[]).unwrap_err();
    assert_error(
        err,
        ContractError::InvalidSignature {
            auditor: sam.clone(),
        },
    );
    assert_eq!(suite.report(&rc, &sam).unwrap().seq, 1);
}

#[test]
fn periods_too_long_for_a_timestamp_are_refused_at_configuration() {
    // a period of u64::MAX seconds would make every unbond (and every upheld resolution)
    // overflow the block time: refused where it is set, not a panic later
    let mut suite = RegistrySuite::staked().build();
    let mut staking = staking_config();
    staking.unbonding_period = u64::MAX;
    let msg = InstantiateMsg {
        membership: suite.membership.to_string(),
        release: suite.release.to_string(),
        governance: suite.governance.to_string(),
        staking: Some(staking.clone()),
        disputes: None,
    };
    let deployer = suite.addr("deployer");
    let err = suite
        .app
        .instantiate_contract(suite.code_id, deployer, &msg, &[], "long", None)
        .unwrap_err();
    let too_long = |field| ContractError::PeriodTooLong {
        field,
        seconds: u64::MAX,
        max: MAX_PERIOD,
    };
    assert_error(err, too_long("unbonding_period"));
    let err = suite.update_settings(Some(staking), None).unwrap_err();
    assert_error(err, too_long("unbonding_period"));
    let mut disputes = suite.config().disputes.unwrap();
    disputes.appeal_window = u64::MAX;
    let err = suite
        .update_config(ExecuteMsg::UpdateConfig(UpdateRegistryConfigMsg {
            membership: None,
            release: None,
            staking: None,
            disputes: Some(berty_interface::audit_registry::DisputesMsg {
                challenge_bond: disputes.challenge_bond,
                appeal_window: disputes.appeal_window,
                court: disputes.court.map(|c| c.to_string()),
                slash_recipient: disputes.slash_recipient.to_string(),
                challenger_reward: disputes.challenger_reward,
            }),
        }))
        .unwrap_err();
    assert_error(err, too_long("appeal_window"));
    // the longest period is accepted and its deadlines computed
    let mut staking = staking_config();
    staking.unbonding_period = MAX_PERIOD;
    suite.update_settings(Some(staking), None).unwrap();
    let sam = suite.addr("sam");
    suite.bond(&sam, MIN_BOND).unwrap();
    suite.unbond(&sam, 1).unwrap();
    let release_at = suite.stake(&sam).unbonding[0].release_at;
    assert_eq!(release_at, suite.now().plus_seconds(MAX_PERIOD));
}

#[test]
fn spec_json_dismissals_may_carry_a_zero_slash_ratio() {
    // SPEC writes `resolve_challenge { challenge_id, uphold, slash_ratio }` and
    // `rule { challenge_id, uphold, slash_ratio }` with every field present: a client
    // dismissing sends a ratio too, naturally "0".
    let (mut suite, sam, cleo, rc) = disputed();
    let gov = suite.governance.clone();
    let treasury = suite.slash_recipient.clone();
    exec_json(
        &mut suite,
        &gov,
        json!({"resolve_challenge": {"challenge_id": 1, "uphold": false, "slash_ratio": "0"}}),
        &[],
    )
    .unwrap();
    assert_eq!(suite.challenge_info(1).status, ChallengeStatus::Dismissed);
    assert_eq!(suite.challenge_info(1).slash_ratio, None);
    assert_eq!(suite.balance(&treasury), CHALLENGE_BOND);

    // and the court overturning
    assert_eq!(suite.challenge(&cleo, &sam, &rc).unwrap(), 2);
    suite.resolve(2, true, Some(Decimal::percent(50))).unwrap();
    suite.appeal(&sam, 2).unwrap();
    let court = suite.court.clone();
    exec_json(
        &mut suite,
        &court,
        json!({"rule": {"challenge_id": 2, "uphold": false, "slash_ratio": "0"}}),
        &[],
    )
    .unwrap();
    assert_eq!(suite.challenge_info(2).status, ChallengeStatus::Overturned);
    assert_eq!(suite.balance(&sam), CHALLENGE_BOND);
    assert!(!suite.stake(&sam).locked);
    assert_eq!(suite.registry_balance(), 2 * MIN_BOND);
}

#[test]
fn unbonding_under_a_raised_min_bond_revokes_the_role() {
    // README: under-bonded auditors' "role itself is synced on their next bond, unbond or slash"
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    suite.bond(&sam, MIN_BOND + 500).unwrap();
    assert_eq!(suite.role(&sam), Some(Role::Auditor));
    let mut staking = staking_config();
    staking.min_bond = Uint128::new(2 * MIN_BOND);
    suite.update_settings(Some(staking), None).unwrap();
    assert!(!suite.stake(&sam).active);
    suite.unbond(&sam, 100).unwrap();
    assert_eq!(suite.role(&sam), None);
    // and a bond reaching the new minimum grants it again
    suite.bond(&sam, 600).unwrap();
    assert_eq!(suite.role(&sam), Some(Role::Auditor));
    assert!(suite.stake(&sam).active);
}

#[test]
fn a_report_shown_fake_after_release_can_still_be_challenged_and_slashed() {
    // SPEC 1: "a staked auditor whose report is shown to be fake is slashed"; a fake `go`
    // is most often shown after the release it let through
    let mut suite = RegistrySuite::staked().build();
    let (sam, cleo) = (suite.addr("sam"), suite.addr("cleo"));
    let rc = suite.candidate("rc1");
    let gone = suite.candidate("rc2");
    suite.bond(&sam, 2 * MIN_BOND).unwrap();
    suite.submit_report(&sam, &rc, ReportStatus::Go).unwrap();
    suite
        .submit_report(&sam, &gone, ReportStatus::NoGo)
        .unwrap();
    suite.set_release_status(&rc, ReleaseStatus::Released);
    suite.set_release_status(&gone, ReleaseStatus::Withdrawn);
    assert_eq!(suite.challenge(&cleo, &sam, &rc).unwrap(), 1);
    assert_eq!(suite.challenge(&cleo, &sam, &gone).unwrap(), 2);
    suite.resolve(1, true, Some(Decimal::percent(50))).unwrap();
    suite.advance(APPEAL_WINDOW);
    suite.execute_slash(&cleo, 1).unwrap();
    assert_eq!(suite.stake(&sam).bonded, Uint128::new(MIN_BOND));
    let log = suite.report_log(&rc, None, None);
    assert_eq!(log.events.len(), 2);
    assert_eq!(log.events[1].event.kind, ReportEventKind::Slashed);
    // reports stay refused on closed candidates
    let err = suite
        .submit_report(&sam, &rc, ReportStatus::Go)
        .unwrap_err();
    assert_error(
        err,
        ContractError::ReleaseClosed {
            release_id: rc.clone(),
            status: ReleaseStatus::Released,
        },
    );
}

#[test]
fn spec_json_instantiate_with_optional_fields_null_or_omitted() {
    let mut suite = RegistrySuite::staked().build();
    let deployer = suite.addr("deployer");
    let (membership, release, gov) = (
        suite.membership.to_string(),
        suite.release.to_string(),
        suite.governance.to_string(),
    );
    let treasury = suite.slash_recipient.to_string();
    let code_id = suite.code_id;
    for (label, msg) in [
        (
            "omitted",
            json!({"membership": membership, "release": release, "governance": gov}),
        ),
        (
            "null",
            json!({"membership": membership, "release": release, "governance": gov,
                   "staking": null, "disputes": null}),
        ),
        (
            "no court",
            json!({"membership": membership, "release": release, "governance": gov,
                   "staking": {"denom": "ustake", "min_bond": "10", "unbonding_period": 60},
                   "disputes": {"challenge_bond": "5", "appeal_window": 60,
                                "slash_recipient": treasury, "challenger_reward": "1"}}),
        ),
        (
            "null court",
            json!({"membership": membership, "release": release, "governance": gov,
                   "staking": {"denom": "ustake", "min_bond": "10", "unbonding_period": 60},
                   "disputes": {"challenge_bond": "5", "appeal_window": 60, "court": null,
                                "slash_recipient": treasury, "challenger_reward": "0.25"}}),
        ),
    ] {
        let addr = suite
            .app
            .instantiate_contract(code_id, deployer.clone(), &msg, &[], label, None)
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        let config: Value = suite
            .app
            .wrap()
            .query_wasm_smart(addr, &json!({"config": {}}))
            .unwrap();
        if label.contains("court") {
            assert_eq!(config["disputes"]["court"], Value::Null, "{label}");
            assert_eq!(config["staking"]["min_bond"], json!("10"), "{label}");
        } else {
            assert_eq!(config["staking"], Value::Null, "{label}");
        }
    }
}

#[test]
fn unbonding_claims_alone_are_slashable_and_leave_a_governance_role_alone() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, cleo) = (suite.addr("sam"), suite.addr("cleo"));
    let rc = suite.bonded_report(&sam, ReportStatus::Go);
    suite.unbond(&sam, MIN_BOND).unwrap();
    assert_eq!(suite.role(&sam), None);
    // governance makes sam an auditor again, with nothing bonded
    suite.set_members(&[(&sam, Role::Auditor)], &[]);
    suite.challenge(&cleo, &sam, &rc).unwrap();
    suite.resolve(1, true, Some(Decimal::percent(25))).unwrap();
    suite.advance(APPEAL_WINDOW);
    let res = suite.execute_slash(&cleo, 1).unwrap();
    assert_eq!(attribute(&res, "amount").as_deref(), Some("250"));
    // nothing bonded went down: the role governance granted stays, membership not called
    assert_eq!(contracts_run(&res), vec![suite.contract.clone()]);
    assert_eq!(suite.role(&sam), Some(Role::Auditor));
    assert_eq!(suite.stake(&sam).unbonding[0].amount, Uint128::new(750));
    assert_eq!(suite.registry_balance(), 750);
}
