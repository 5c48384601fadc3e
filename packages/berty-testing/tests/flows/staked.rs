//! Staked auditors: bonding grants the role through membership; a fake `no_go` is
//! challenged, upheld by governance and slashed, which revokes the role and unblocks.

use berty_interface::audit_registry::ReportStatus;
use berty_interface::release::ReleaseStatus;
use berty_interface::Role;
use berty_testing::dao::{artifact, digest_of, Dao, APPEAL_WINDOW, CHALLENGE_BOND, MIN_BOND};
use cosmwasm_std::Decimal;

use crate::bundle::{check, export};

#[test]
fn staked_auditors_and_a_slash() {
    let mut dao = Dao::builder().auditors(0).staked().build();
    let id = digest_of("berty-4.0.0.tar.gz");
    dao.propose_release("ctr0", &id, "4.0.0").unwrap();
    for staker in ["staker0", "staker1"] {
        dao.bond(staker, MIN_BOND).unwrap();
        assert_eq!(dao.role(staker), Some(Role::Auditor));
        dao.register_pubkey(staker).unwrap();
    }
    dao.next_block();
    dao.report("staker0", &id, ReportStatus::Go).unwrap();
    dao.report("staker1", &id, ReportStatus::NoGo).unwrap();
    assert!(!dao.audit_gate(&id).passed);

    let challenge_id = dao.challenge("outsider", "staker1", &id).unwrap();
    let registry = dao.registry.clone();
    assert_eq!(dao.balance(&registry), 2 * MIN_BOND + CHALLENGE_BOND);
    dao.next_block();
    dao.resolve(challenge_id, true, Some(Decimal::percent(50)))
        .unwrap();
    dao.advance(APPEAL_WINDOW);
    dao.execute_slash("outsider", challenge_id).unwrap();
    let stake = dao.stake("staker1");
    assert_eq!(stake.bonded.u128(), MIN_BOND / 2);
    assert!(!stake.active);
    assert_eq!(
        dao.role("staker1"),
        None,
        "below min_bond: the role is revoked"
    );
    // exactly what was taken was paid out: half the slash (reward 50%) and the bond back
    // to the challenger, the rest to the treasury
    let (outsider, treasury) = (dao.addr("outsider"), dao.treasury.clone());
    assert_eq!(dao.balance(&outsider), MIN_BOND / 4 + CHALLENGE_BOND);
    assert_eq!(dao.balance(&treasury), MIN_BOND / 4);
    assert_eq!(dao.balance(&registry), MIN_BOND + MIN_BOND / 2);

    // the slashed auditor's no_go no longer counts
    assert!(dao.audit_gate(&id).passed);
    dao.approve("ctr1", &id);
    dao.finalize("ctr1", &id, vec![artifact("berty-4.0.0.apk", "android")])
        .unwrap();
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Released);

    let bundle = export(&dao, &id);
    assert!(bundle
        .reports_log
        .iter()
        .any(|e| e.event.kind == berty_interface::audit_registry::ReportEventKind::Slashed));
    check(&bundle, &["berty-4.0.0.apk"]).expect("the bundle verifies");
}

/// Issue 11, case 1: after governance removes a staked auditor, `bond {}` with 1 token
/// re-granted the role and its old `no_go` blocked the release again.
#[test]
fn a_staked_auditor_governance_removed_cannot_bond_its_no_go_back() {
    let (mut dao, id) = contested("4.1.0", MIN_BOND);
    assert!(!dao.audit_gate(&id).passed);
    dao.next_block();
    dao.govern_members(&[], &["staker1"]).unwrap();
    let staker1 = dao.addr("staker1");
    let gate = dao.audit_gate(&id);
    assert!(gate.passed && gate.blocking.is_empty());
    // barred but still bonded: the gate still iterates it (SPEC 4.2), listed uncounted
    assert_eq!(gate.not_counted, vec![staker1.clone()]);
    // the top-up is accepted as a bond, and grants nothing
    dao.bond("staker1", 1).unwrap();
    assert_eq!(dao.role("staker1"), None);
    assert_eq!(dao.stake("staker1").bonded.u128(), MIN_BOND + 1);
    let gate = dao.audit_gate(&id);
    assert!(gate.passed, "the old no_go stays out");
    assert_eq!(gate.not_counted, vec![staker1.clone()]);
    dao.approve("ctr0", &id);
    dao.finalize("ctr0", &id, vec![artifact("berty-4.1.0.apk", "android")])
        .unwrap();
    // its money is its own: unbond and claim work
    dao.unbond("staker1", MIN_BOND + 1).unwrap();
    assert_eq!(dao.audit_gate(&id).not_counted, vec![staker1.clone()]);
    dao.advance(berty_testing::dao::UNBONDING_PERIOD);
    dao.claim("staker1").unwrap();
    // neither role nor stake: it leaves the gate's iteration
    let gate = dao.audit_gate(&id);
    assert!(gate.passed && gate.not_counted.is_empty() && gate.blocking.is_empty());
    check(&export(&dao, &id), &["berty-4.1.0.apk"]).expect("the bundle verifies");
}

/// Issue 11, case 2: an upheld slash only cut the bond; topping it up made the same fake
/// `no_go` count again with no new report. Now the slash voids the report, the `slashed`
/// event says so, and the verifier applies it.
#[test]
fn a_slashed_no_go_stays_void_after_a_top_up() {
    let (mut dao, id) = contested("4.2.0", 2 * MIN_BOND);
    let challenge_id = dao.challenge("outsider", "staker1", &id).unwrap();
    dao.next_block();
    // a small slash: the bond stays above min_bond, the role stays
    dao.resolve(challenge_id, true, Some(Decimal::percent(10)))
        .unwrap();
    dao.advance(APPEAL_WINDOW);
    dao.execute_slash("outsider", challenge_id).unwrap();
    assert_eq!(dao.role("staker1"), Some(Role::Auditor));
    let gate = dao.audit_gate(&id);
    assert!(gate.passed);
    assert_eq!(gate.not_counted, vec![dao.addr("staker1")]);
    dao.bond("staker1", MIN_BOND).unwrap();
    assert!(dao.audit_gate(&id).passed, "a top-up does not revive it");
    let voided = dao
        .reports(&id)
        .into_iter()
        .find(|r| r.auditor == dao.addr("staker1"))
        .unwrap();
    assert!(voided.voided && !voided.counted);
    dao.approve("ctr1", &id);
    dao.finalize("ctr1", &id, vec![artifact("berty-4.2.0.apk", "android")])
        .unwrap();
    let bundle = export(&dao, &id);
    check(&bundle, &["berty-4.2.0.apk"]).expect("the verifier applies the void");
}

/// After a slash voided its report, the auditor's newer report counts: a void is of one
/// report, not of the auditor.
#[test]
fn a_newer_report_after_a_slash_counts() {
    let (mut dao, id) = contested("4.3.0", 2 * MIN_BOND);
    let challenge_id = dao.challenge("outsider", "staker1", &id).unwrap();
    dao.resolve(challenge_id, true, Some(Decimal::percent(10)))
        .unwrap();
    dao.advance(APPEAL_WINDOW);
    dao.execute_slash("outsider", challenge_id).unwrap();
    assert!(dao.audit_gate(&id).passed);
    dao.report("staker1", &id, ReportStatus::NoGo).unwrap();
    assert_eq!(dao.audit_gate(&id).blocking, vec![dao.addr("staker1")]);
}

/// A staked DAO where, on `berty-{version}.tar.gz`, `staker0` (bonded `MIN_BOND`) reports
/// `go` and `staker1` (bonded `staker1_bond`) `no_go`; the release id.
fn contested(version: &str, staker1_bond: u128) -> (Dao, String) {
    let mut dao = Dao::builder().auditors(0).staked().build();
    let id = digest_of(&format!("berty-{version}.tar.gz"));
    dao.propose_release("ctr0", &id, version).unwrap();
    dao.bond("staker0", MIN_BOND).unwrap();
    dao.bond("staker1", staker1_bond).unwrap();
    registered_keys(&mut dao);
    dao.report("staker0", &id, ReportStatus::Go).unwrap();
    dao.report("staker1", &id, ReportStatus::NoGo).unwrap();
    (dao, id)
}

/// The stakers sign their reports: their keys are registered first, a block before.
fn registered_keys(dao: &mut Dao) {
    for staker in ["staker0", "staker1"] {
        dao.register_pubkey(staker).unwrap();
    }
    dao.next_block();
}
