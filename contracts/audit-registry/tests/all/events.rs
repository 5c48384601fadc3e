//! Every execute emits `action` and the ids it touched (SPEC section 5); every message
//! but the payable ones refuses funds, after authorization.

use berty_audit_registry::ContractError;
use berty_interface::audit_registry::{ExecuteMsg, ReportStatus};
use berty_interface::membership;
use berty_interface::Role;
use berty_testing::assert_error;
use berty_testing::registry::{attribute, RegistrySuite, APPEAL_WINDOW, DENOM, MIN_BOND};
use cosmwasm_std::{coin, Addr, Decimal};
use cw_multi_test::{AppResponse, Executor};
use cw_utils::PaymentError;

#[track_caller]
fn assert_attributes(res: &AppResponse, expected: &[(&str, &str)]) {
    for (key, value) in expected {
        assert_eq!(
            attribute(res, key).as_deref(),
            Some(*value),
            "attribute {key}"
        );
    }
}

#[test]
fn every_execute_names_its_action_and_ids() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, cleo) = (suite.addr("sam"), suite.addr("cleo"));
    let rc = suite.candidate("rc1");
    let res = suite.bond(&sam, MIN_BOND).unwrap();
    assert_attributes(
        &res,
        &[
            ("action", "bond"),
            ("auditor", sam.as_str()),
            ("amount", "1000"),
        ],
    );
    let res = suite.submit_report(&sam, &rc, ReportStatus::NoGo).unwrap();
    assert_attributes(
        &res,
        &[
            ("action", "submit_report"),
            ("release_id", &rc),
            ("auditor", sam.as_str()),
            ("status", "no_go"),
            ("seq", "0"),
        ],
    );
    let res = suite.unbond(&sam, 1).unwrap();
    assert_attributes(
        &res,
        &[
            ("action", "unbond"),
            ("auditor", sam.as_str()),
            ("amount", "1"),
        ],
    );
    suite.fund(&cleo, 100);
    let res = suite
        .execute(
            &cleo,
            &RegistrySuite::challenge_msg(&sam, &rc),
            &[coin(100, DENOM)],
        )
        .unwrap();
    let challenge = [
        ("challenge_id", "1"),
        ("auditor", sam.as_str()),
        ("release_id", rc.as_str()),
    ];
    assert_attributes(
        &res,
        &[
            ("action", "challenge_report"),
            ("status", "open"),
            ("challenger", cleo.as_str()),
        ],
    );
    assert_attributes(&res, &challenge);
    let res = suite.resolve(1, true, Some(Decimal::percent(1))).unwrap();
    assert_attributes(
        &res,
        &[("action", "resolve_challenge"), ("status", "upheld")],
    );
    assert_attributes(&res, &challenge);
    let res = suite.appeal(&sam, 1).unwrap();
    assert_attributes(&res, &[("action", "appeal"), ("status", "appealed")]);
    assert_attributes(&res, &challenge);
    let res = suite.rule(1, true, Some(Decimal::percent(1))).unwrap();
    assert_attributes(&res, &[("action", "rule"), ("status", "upheld")]);
    assert_attributes(&res, &challenge);
    let res = suite.execute_slash(&cleo, 1).unwrap();
    assert_attributes(
        &res,
        &[
            ("action", "execute_slash"),
            ("status", "slashed"),
            ("amount", "9"),
        ],
    );
    assert_attributes(&res, &challenge);
    suite.advance(berty_testing::registry::UNBONDING_PERIOD);
    let res = suite.claim(&sam).unwrap();
    assert_attributes(
        &res,
        &[
            ("action", "claim"),
            ("auditor", sam.as_str()),
            ("amount", "1"),
        ],
    );
}

#[test]
fn the_remaining_messages_refuse_funds_after_authorization() {
    let (mut suite, sam, zed, rc, id) = upheld_challenge();
    suite.advance(APPEAL_WINDOW);
    suite.fund(&zed, 10);
    let funds = [coin(1, DENOM)];
    let slash = ExecuteMsg::ExecuteSlash { challenge_id: id };
    assert_error(
        suite.execute_err(&zed, &slash, &funds),
        PaymentError::NonPayable {},
    );
    let transfer = ExecuteMsg::TransferOwnership {
        new_owner: zed.to_string(),
    };
    assert_governance_only_and_unpaid(&mut suite, &zed, &transfer);
    let governance = suite.governance.clone();
    suite.execute(&governance, &transfer, &[]).unwrap();
    assert_error(
        suite.execute_err(&zed, &ExecuteMsg::AcceptOwnership {}, &funds),
        PaymentError::NonPayable {},
    );
    // a challenge paid in another denom
    let atom = [coin(100, "uatom")];
    suite
        .app
        .sudo(cw_multi_test::SudoMsg::Bank(
            cw_multi_test::BankSudo::Mint {
                to_address: zed.to_string(),
                amount: atom.to_vec(),
            },
        ))
        .unwrap();
    assert_error(
        suite.execute_err(&zed, &RegistrySuite::challenge_msg(&sam, &rc), &atom),
        PaymentError::MissingDenom(DENOM.into()),
    );
}

#[test]
fn an_appeal_in_the_last_second_is_accepted() {
    let (mut suite, sam, _, _, id) = upheld_challenge();
    suite.advance(APPEAL_WINDOW - 1);
    suite.appeal(&sam, id).unwrap();
}

#[test]
fn a_bond_whose_grant_fails_changes_nothing() {
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    // governance moves the registrar elsewhere: the registry's grant is refused
    let other = suite.addr("other");
    let msg = membership::ExecuteMsg::SetRegistrar {
        addr: other.to_string(),
    };
    suite
        .app
        .execute_contract(
            suite.governance.clone(),
            suite.membership.clone(),
            &msg,
            &[],
        )
        .unwrap();
    let err = suite.bond(&sam, MIN_BOND).unwrap_err();
    assert!(
        err.to_string().contains("is not the auditor registrar"),
        "{err}"
    );
    assert_eq!(suite.stake(&sam).bonded.u128(), 0);
    assert_eq!(suite.registry_balance(), 0);
    assert_eq!(suite.balance(&sam), MIN_BOND);
    assert_eq!(suite.role(&sam), None::<Role>);
    // below min_bond no grant is needed, so the bond goes through
    suite.bond(&sam, 1).unwrap();
}

/// Sam's `go` on rc1, challenged by zed and upheld by governance (a 5% slash), with the
/// appeal window still open: the suite, sam, zed, rc1 and the challenge id.
fn upheld_challenge() -> (RegistrySuite, Addr, Addr, String, u64) {
    let mut suite = RegistrySuite::staked().build();
    let (sam, zed) = (suite.addr("sam"), suite.addr("zed"));
    let rc = suite.bonded_report(&sam, ReportStatus::Go);
    let id = suite.challenge(&zed, &sam, &rc).unwrap();
    suite.resolve(id, true, Some(Decimal::percent(5))).unwrap();
    (suite, sam, zed, rc, id)
}

/// Asserts that `msg` is governance's alone and takes no funds: `outsider`, sending it
/// with funds, is unauthorized first (who may send is checked before funds), and
/// governance, sending it with funds, is refused them.
pub fn assert_governance_only_and_unpaid(
    suite: &mut RegistrySuite,
    outsider: &Addr,
    msg: &ExecuteMsg,
) {
    let funds = [coin(1, DENOM)];
    suite.fund(outsider, 1);
    assert_error(
        suite.execute_err(outsider, msg, &funds),
        ContractError::Unauthorized {
            sender: outsider.clone(),
            required: "the governance",
        },
    );
    let governance = suite.governance.clone();
    suite.fund(&governance, 1);
    assert_error(
        suite.execute_err(&governance, msg, &funds),
        PaymentError::NonPayable {},
    );
}
