use berty_interface::audit_registry::QueryMsg;
use berty_interface::audit_registry::ReportStatus::{Go, GoWithWarnings, NoGo};
use berty_interface::validate::ValidationError;
use berty_interface::Role;
use berty_testing::assert_error;
use berty_testing::registry::{release_id, RegistrySuite, MIN_BOND};
use cosmwasm_std::{Addr, Uint128};

fn whitelist() -> RegistrySuite {
    let mut builder = RegistrySuite::whitelist();
    for name in ["a1", "a2", "a3"] {
        builder = builder.with_member(name, Role::Auditor);
    }
    builder.build()
}

#[test]
fn passes_with_a_positive_and_no_blocking_report() {
    let mut suite = whitelist();
    let (a1, a2, a3) = (suite.addr("a1"), suite.addr("a2"), suite.addr("a3"));
    let rc = suite.candidate("rc1");
    let gate = suite.gate(&rc);
    assert!(!gate.passed);
    assert!(gate.positive.is_empty() && gate.blocking.is_empty() && gate.not_counted.is_empty());
    assert_eq!(gate.reports_log.length, 0);

    suite.submit_report(&a1, &rc, GoWithWarnings).unwrap();
    let gate = suite.gate(&rc);
    assert!(gate.passed);
    assert_eq!(gate.positive, vec![a1.clone()]);

    suite.submit_report(&a2, &rc, NoGo).unwrap();
    let gate = suite.gate(&rc);
    assert!(!gate.passed);
    assert_eq!(
        (gate.positive.clone(), gate.blocking.clone()),
        (vec![a1.clone()], vec![a2.clone()])
    );

    // the team that said no_go changes its status
    suite.submit_report(&a2, &rc, Go).unwrap();
    assert!(suite.gate(&rc).passed);
    // the positive auditor changes its mind
    suite.submit_report(&a1, &rc, NoGo).unwrap();
    suite.submit_report(&a2, &rc, NoGo).unwrap();
    let gate = suite.gate(&rc);
    assert!(!gate.passed && gate.positive.is_empty());
    // a third auditor's go does not outweigh the no_gos
    suite.submit_report(&a3, &rc, Go).unwrap();
    assert!(!suite.gate(&rc).passed);
    assert_eq!(suite.gate(&rc).reports_log.length, 6);
    // other candidates are separate
    assert!(!suite.gate(&release_id("rc2")).passed);
}

#[test]
fn deactivating_the_blocking_auditor_unblocks() {
    let mut suite = whitelist();
    let (a1, a2) = (suite.addr("a1"), suite.addr("a2"));
    let rc = suite.candidate("rc1");
    suite.submit_report(&a1, &rc, Go).unwrap();
    suite.submit_report(&a2, &rc, NoGo).unwrap();
    assert!(!suite.gate(&rc).passed);
    suite.set_members(&[], &[&a2]);
    let gate = suite.gate(&rc);
    assert!(gate.passed);
    // without the role it leaves the gate's iteration altogether (SPEC 4.2)
    assert_eq!(gate.not_counted, Vec::<Addr>::new());
    assert!(gate.blocking.is_empty());
    let reports = suite.reports(&rc, None, None).reports;
    let counted: Vec<_> = reports
        .iter()
        .map(|r| (r.auditor.clone(), r.counted))
        .collect();
    assert!(counted.contains(&(a2.clone(), false)) && counted.contains(&(a1.clone(), true)));
    // and deactivating the positive one leaves nothing to pass on
    suite.set_members(&[(&a2, Role::CoreTeamRep)], &[&a1]);
    let gate = suite.gate(&rc);
    assert!(!gate.passed);
    assert_eq!((gate.positive.len(), gate.not_counted.len()), (0, 0));
}

#[test]
fn staked_reports_count_while_bonded_at_least_min_bond() {
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    let rc = suite.bonded_report(&sam, Go);
    assert!(suite.gate(&rc).passed);
    suite.unbond(&sam, 1).unwrap();
    let gate = suite.gate(&rc);
    assert!(!gate.passed);
    // below min_bond the registry revoked the role: the gate no longer looks at sam
    assert_eq!(gate.not_counted, Vec::<Addr>::new());
    assert!(!suite.report(&rc, &sam).unwrap().counted);
    suite.bond(&sam, 1).unwrap();
    assert!(suite.gate(&rc).passed);
}

#[test]
fn an_auditor_under_min_bond_with_the_role_is_listed_not_counted() {
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    let rc = suite.bonded_report(&sam, Go);
    // governance raises min_bond: sam keeps the role but no longer counts
    let mut staking = suite.config().staking.unwrap();
    staking.min_bond = Uint128::new(MIN_BOND + 1);
    suite.update_settings(Some(staking), None).unwrap();
    let gate = suite.gate(&rc);
    assert!(!gate.passed);
    assert_eq!(gate.not_counted, vec![sam.clone()]);
}

#[test]
fn gate_of_a_malformed_release_id_is_an_error() {
    let suite = whitelist();
    let err = suite.query_err(&QueryMsg::AuditGate {
        release_id: "rc1".into(),
    });
    assert_error(
        err,
        ValidationError::InvalidDigest {
            field: "release_id",
        },
    );
}
