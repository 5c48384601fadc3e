//! Random sequences of lifecycle messages against a model of SPEC's lifecycle: every
//! message succeeds exactly when the model says it may, the status follows the model, and
//! nothing is released without a passing audit gate and a recorded approval.

use std::collections::BTreeMap;

use berty_interface::release::ReleaseStatus;
use proptest::prelude::*;

use crate::suite::{digest, rid, Suite};

#[derive(Clone, Debug)]
enum Action {
    Propose(u32),
    SetGate(u32, bool),
    Submit(u32),
    Decide { n: u32, passed: bool, stale: bool },
    Withdraw(u32),
    Finalize(u32),
    Attest(u32),
}

fn action() -> impl Strategy<Value = Action> {
    let n = 0u32..3;
    prop_oneof![
        n.clone().prop_map(Action::Propose),
        (n.clone(), any::<bool>()).prop_map(|(n, pass)| Action::SetGate(n, pass)),
        n.clone().prop_map(Action::Submit),
        (n.clone(), any::<bool>(), any::<bool>()).prop_map(|(n, passed, stale)| Action::Decide {
            n,
            passed,
            stale
        }),
        n.clone().prop_map(Action::Withdraw),
        n.clone().prop_map(Action::Finalize),
        n.prop_map(Action::Attest),
    ]
}

#[derive(Default, Clone)]
struct Model {
    status: Option<ReleaseStatus>,
    gate: Option<bool>,
    proposal_id: Option<u64>,
    attested: bool,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_lifecycle_follows_the_model(actions in proptest::collection::vec(action(), 1..24)) {
        use ReleaseStatus::*;
        let mut suite = Suite::new();
        let carol = suite.carol.clone();
        let (good, bad) = (suite.addr("good"), suite.addr("bad"));
        let mut models: BTreeMap<u32, Model> = BTreeMap::new();
        let mut next_pid = 1u64;
        for action in actions {
            let (n, expect_ok) = match action {
                Action::Propose(n) => {
                    let m = models.entry(n).or_default();
                    let ok = m.status.is_none();
                    if ok { m.status = Some(Auditing); }
                    (n, ok == suite.propose(&carol, &rid(n)).is_ok())
                }
                Action::SetGate(n, pass) => {
                    models.entry(n).or_default().gate = Some(pass);
                    if pass { suite.set_gate(&rid(n), &[&good], &[]) } else { suite.set_gate(&rid(n), &[&good], &[&bad]) }
                    (n, true)
                }
                Action::Submit(n) => {
                    let m = models.entry(n).or_default();
                    let ok = m.status == Some(Auditing) && m.gate == Some(true);
                    if ok {
                        m.status = Some(Voting);
                        m.proposal_id = Some(next_pid);
                        next_pid += 1;
                    }
                    (n, ok == suite.submit(&carol, &rid(n)).is_ok())
                }
                Action::Decide { n, passed, stale } => {
                    let m = models.entry(n).or_default();
                    let current = m.proposal_id.unwrap_or(999);
                    let pid = if stale { current + 1000 } else { current };
                    if m.status == Some(Voting) && m.proposal_id == Some(pid) {
                        m.status = Some(if passed { Approved } else { Auditing });
                    }
                    (n, suite.decide(&rid(n), pid, passed).is_ok())
                }
                Action::Withdraw(n) => {
                    let m = models.entry(n).or_default();
                    let ok = m.status.is_some_and(ReleaseStatus::is_open);
                    if ok { m.status = Some(Withdrawn); }
                    (n, ok == suite.withdraw(&carol, &rid(n)).is_ok())
                }
                Action::Finalize(n) => {
                    let m = models.entry(n).or_default();
                    let ok = m.status == Some(Approved) && m.gate == Some(true);
                    if ok { m.status = Some(Released); }
                    (n, ok == suite.finalize(&carol, &rid(n)).is_ok())
                }
                Action::Attest(n) => {
                    let m = models.entry(n).or_default();
                    let ok = m.status == Some(Released) && !m.attested;
                    if ok { m.attested = true; }
                    let res = suite.execute(&carol, &Suite::attest_msg(&rid(n), "f-droid", &digest('a')));
                    (n, ok == res.is_ok())
                }
            };
            prop_assert!(expect_ok, "{:?} disagreed with the model", action);
            let model = &models[&n];
            if let Some(status) = model.status {
                let release = suite.release(&rid(n));
                prop_assert_eq!(release.status, status);
                prop_assert_eq!(release.proposal_id, model.proposal_id);
                if status == Released {
                    prop_assert!(release.decision.is_some_and(|d| d.passed));
                }
            }
        }
    }
}
