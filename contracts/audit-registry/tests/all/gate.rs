use berty_audit_registry::state::STAKED_AUDITORS;
use berty_interface::audit_registry::QueryMsg;
use berty_interface::audit_registry::ReportStatus::{Go, GoWithWarnings, NoGo};
use berty_interface::validate::ValidationError;
use berty_interface::Role;
use berty_testing::assert_error;
use berty_testing::registry::{
    release_id, RegistrySuite, APPEAL_WINDOW, MIN_BOND, UNBONDING_PERIOD,
};
use cosmwasm_std::{Addr, Decimal, Uint128};

/// Whether `addr` is in the registry's staked auditors, read raw from its storage.
fn staked_auditor(suite: &RegistrySuite, addr: &Addr) -> bool {
    let key = STAKED_AUDITORS.key(addr).to_vec();
    let raw = suite.app.wrap().query_wasm_raw(&suite.contract, key);
    raw.unwrap().is_some()
}

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
    // whitelist mode: without the role (and no bond to hold) it leaves the gate's
    // iteration altogether (SPEC 4.2)
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
    // below min_bond the registry revoked the role; sam still has a bond, so the gate
    // still looks at it and lists its report uncounted (SPEC 4.2)
    assert_eq!(suite.role(&sam), None);
    assert_eq!(gate.not_counted, vec![sam.clone()]);
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

/// SPEC 4.2: governance removes a bonded auditor (barred, its bond kept). Its `no_go` no
/// longer blocks, and since it holds a bond the gate still iterates it: listed uncounted.
#[test]
fn a_barred_auditor_with_a_bond_is_listed_not_counted() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, ana) = (suite.addr("sam"), suite.addr("ana"));
    let rc = suite.bonded_report(&sam, NoGo);
    suite.bond(&ana, MIN_BOND).unwrap();
    suite.submit_report(&ana, &rc, Go).unwrap();
    assert_eq!(suite.gate(&rc).blocking, vec![sam.clone()]);
    suite.set_members(&[], &[&sam]);
    assert!(suite.member(&sam).barred);
    assert_eq!(suite.stake(&sam).bonded, Uint128::new(MIN_BOND));
    let gate = suite.gate(&rc);
    assert!(gate.passed);
    assert_eq!(gate.positive, vec![ana.clone()]);
    assert!(gate.blocking.is_empty());
    assert_eq!(gate.not_counted, vec![sam.clone()]);
    // a top-up grants nothing to a barred address: still listed, still not counted
    suite.bond(&sam, MIN_BOND).unwrap();
    let gate = suite.gate(&rc);
    assert!(gate.passed && gate.blocking.is_empty());
    assert_eq!(gate.not_counted, vec![sam.clone()]);
}

/// SPEC 4.2: an auditor that unbonded below `min_bond` (role revoked) is iterated while it
/// has a bond or an unbonding claim, and leaves the iteration once it claimed everything.
#[test]
fn an_unbonded_auditor_leaves_the_gate_once_it_claimed_everything() {
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    let rc = suite.bonded_report(&sam, Go);
    suite.unbond(&sam, 1).unwrap();
    assert_eq!(suite.role(&sam), None);
    let gate = suite.gate(&rc);
    assert!(!gate.passed && gate.positive.is_empty());
    assert_eq!(gate.not_counted, vec![sam.clone()]);
    assert!(staked_auditor(&suite, &sam));
    // nothing bonded, two claims pending: still holds something in the registry
    suite.unbond(&sam, MIN_BOND - 1).unwrap();
    let stake = suite.stake(&sam);
    assert!(stake.bonded.is_zero() && stake.unbonding.len() == 2);
    assert_eq!(suite.gate(&rc).not_counted, vec![sam.clone()]);
    assert!(staked_auditor(&suite, &sam));
    suite.advance(UNBONDING_PERIOD);
    suite.claim(&sam).unwrap();
    assert!(suite.stake(&sam).unbonding.is_empty());
    // its stake entry is gone, and with it its staked auditor entry
    assert!(!staked_auditor(&suite, &sam));
    // neither role nor stake: not listed at all, though its report is still there
    let gate = suite.gate(&rc);
    assert!(!gate.passed);
    assert!(gate.positive.is_empty() && gate.blocking.is_empty() && gate.not_counted.is_empty());
    let report = suite.report(&rc, &sam).unwrap();
    assert!(!report.counted);
    // a bond below min_bond grants no role: it stays out
    suite.bond(&sam, 1).unwrap();
    assert!(!staked_auditor(&suite, &sam));
    assert!(suite.gate(&rc).not_counted.is_empty());
    // bonding up to min_bond brings it, and its report, back
    suite.bond(&sam, MIN_BOND - 1).unwrap();
    assert_eq!(suite.gate(&rc).positive, vec![sam.clone()]);
}

/// Bonding below `min_bond` grants no role, so the address can never report: it is not a
/// staked auditor, and the gate does not walk it (SPEC 7: no cheap way to make the gate
/// iterate more). A bond that reaches `min_bond` (granting the role) makes it one, as does
/// a bond by an address that already holds the role; a report adds nothing, and in
/// whitelist mode none is.
#[test]
fn only_a_bond_with_the_role_makes_a_staked_auditor() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, dust) = (suite.addr("sam"), suite.addr("dust"));
    suite.bond(&dust, 1).unwrap();
    assert_eq!(suite.role(&dust), None);
    assert!(!staked_auditor(&suite, &dust));
    // still below min_bond: a second dust bond adds nothing either
    suite.bond(&dust, 1).unwrap();
    assert!(!staked_auditor(&suite, &dust));
    suite.bond(&sam, MIN_BOND).unwrap();
    assert_eq!(suite.role(&sam), Some(Role::Auditor));
    assert!(staked_auditor(&suite, &sam));
    let rc = suite.candidate("rc1");
    suite.submit_report(&sam, &rc, Go).unwrap();
    assert!(staked_auditor(&suite, &sam));
    // a top-up by an auditor, and a second report, change nothing
    suite.bond(&sam, 1).unwrap();
    suite.submit_report(&sam, &rc, NoGo).unwrap();
    assert!(staked_auditor(&suite, &sam));
    assert_eq!(suite.gate(&rc).blocking, vec![sam.clone()]);
    assert!(suite.gate(&rc).not_counted.is_empty());
    // dust reaching min_bond is granted the role, and enters
    suite.bond(&dust, MIN_BOND - 2).unwrap();
    assert_eq!(suite.role(&dust), Some(Role::Auditor));
    assert!(staked_auditor(&suite, &dust));
    // made auditor by governance with nothing bonded: its first bond, even dust, enters
    let gov = suite.addr("gov");
    suite.set_members(&[(&gov, Role::Auditor)], &[]);
    suite.bond(&gov, 1).unwrap();
    assert!(staked_auditor(&suite, &gov));

    let mut suite = whitelist();
    let a1 = suite.addr("a1");
    let rc = suite.candidate("rc1");
    suite.submit_report(&a1, &rc, Go).unwrap();
    assert!(!staked_auditor(&suite, &a1));
}

/// An entry kept in the stakes only by a pending challenge (a 100 % slash took the bond
/// and the claims) holds neither role nor bond: the gate does not list it.
#[test]
fn a_stake_emptied_by_a_slash_leaves_the_gate() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, ana, cleo, dora) = (
        suite.addr("sam"),
        suite.addr("ana"),
        suite.addr("cleo"),
        suite.addr("dora"),
    );
    let rc = suite.bonded_report(&sam, Go);
    suite.bond(&ana, MIN_BOND).unwrap();
    suite.submit_report(&ana, &rc, Go).unwrap();
    suite.submit_report(&sam, &rc, NoGo).unwrap();
    let first = suite.challenge(&cleo, &sam, &rc).unwrap();
    let second = suite.challenge(&dora, &sam, &rc).unwrap();
    suite.resolve(first, true, Some(Decimal::one())).unwrap();
    suite.advance(APPEAL_WINDOW);
    suite.execute_slash(&cleo, first).unwrap();
    let stake = suite.stake(&sam);
    assert!(stake.bonded.is_zero() && stake.unbonding.is_empty() && stake.locked);
    assert_eq!(suite.role(&sam), None);
    let gate = suite.gate(&rc);
    assert!(gate.passed);
    assert_eq!(gate.positive, vec![ana.clone()]);
    assert!(gate.blocking.is_empty() && gate.not_counted.is_empty());
    // the pending challenge keeps the stake entry, and the staked auditor entry with it
    assert!(staked_auditor(&suite, &sam));
    suite.resolve(second, false, None).unwrap();
    assert!(!suite.stake(&sam).locked);
    assert_eq!(suite.gate(&rc).not_counted, Vec::<Addr>::new());
    assert!(!staked_auditor(&suite, &sam));
}

/// The gate walks the role holders and the staked auditors together, in address order:
/// each address once, whether it holds the role, a bond, or both.
#[test]
fn the_gate_lists_role_holders_and_stakers_once_in_address_order() {
    let mut suite = RegistrySuite::staked().build();
    let rc = suite.candidate("rc1");
    let names: Vec<String> = (0..12).map(|i| format!("auditor{i}")).collect();
    let addrs: Vec<Addr> = names.iter().map(|name| suite.addr(name)).collect();
    for (i, addr) in addrs.iter().enumerate() {
        suite.bond(addr, MIN_BOND).unwrap();
        let status = if i % 4 == 3 { NoGo } else { Go };
        suite.submit_report(addr, &rc, status).unwrap();
    }
    // a role granted by governance with nothing bonded: a role holder without a stake
    let granted = suite.addr("granted");
    suite.set_members(&[(&granted, Role::Auditor)], &[]);
    suite.bond(&granted, MIN_BOND).unwrap();
    suite.submit_report(&granted, &rc, Go).unwrap();
    suite.unbond(&granted, MIN_BOND).unwrap();
    suite.set_members(&[(&granted, Role::Auditor)], &[]);
    suite.advance(UNBONDING_PERIOD);
    suite.claim(&granted).unwrap();
    assert_eq!(suite.role(&granted), Some(Role::Auditor));
    assert!(suite.stake(&granted).bonded.is_zero());
    // barred with a bond (0, 3, 6, 9: every no_go among them), below min_bond (1, 4),
    // below min_bond and claimed everything (7)
    for i in [0, 3, 6, 9] {
        suite.set_members(&[], &[&addrs[i]]);
    }
    for i in [1, 4, 7] {
        suite.unbond(&addrs[i], MIN_BOND).unwrap();
    }
    suite.advance(UNBONDING_PERIOD);
    suite.claim(&addrs[7]).unwrap();
    // a staker that never reported on this candidate
    let quiet = suite.addr("quiet");
    suite.bond(&quiet, MIN_BOND).unwrap();
    // a bond below min_bond: neither role nor report
    let dust = suite.addr("dust");
    suite.bond(&dust, 1).unwrap();

    let sorted = |mut v: Vec<Addr>| {
        v.sort();
        v
    };
    let pick = |indexes: &[usize]| sorted(indexes.iter().map(|i| addrs[*i].clone()).collect());
    let gate = suite.gate(&rc);
    assert_eq!(gate.positive, pick(&[2, 5, 8, 10]));
    assert_eq!(gate.blocking, pick(&[11]));
    let mut not_counted = pick(&[0, 1, 3, 4, 6, 9]);
    not_counted.push(granted.clone());
    assert_eq!(gate.not_counted, sorted(not_counted));
    assert!(!gate.passed);
    // every listed address once, and none of those that left
    let mut listed: Vec<Addr> = [gate.positive, gate.blocking, gate.not_counted].concat();
    let count = listed.len();
    listed.sort();
    listed.dedup();
    assert_eq!(listed.len(), count);
    assert_eq!(count, 12);
    assert!(!listed.contains(&addrs[7]) && !listed.contains(&quiet) && !listed.contains(&dust));
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
