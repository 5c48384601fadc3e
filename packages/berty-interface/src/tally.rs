//! The council's decision, as pure functions of the rules and the tally (SPEC section 4.3),
//! in exact integer arithmetic on the Decimals' atomics: turnout `yes + no + abstain ≥
//! quorum × E`, approval `yes > threshold × (yes + no)`. The one definition both the
//! council-vote contract and the offline trail verifier apply.
//!
//! A proposal is decided early when no ballot still possible can change passed / rejected.
//! Without revoting only the members who have not voted can still add ballots; with
//! revoting every eligible member can also change its ballot. In each college the best
//! case is every open ballot `yes`; the worst is either no further ballot (least turnout)
//! or every open ballot `no` (least approval).

use crate::council_vote::{CollegeRules, CollegeTally, Rejection, RejectionReason, Rules, Tally};
use crate::College;
use cosmwasm_std::{Decimal, Uint128};

/// What a decided proposal shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Rejected(Rejection),
}

impl Outcome {
    pub fn passed(&self) -> bool {
        matches!(self, Outcome::Passed)
    }

    pub fn rejection(&self) -> Option<Rejection> {
        match self {
            Outcome::Passed => None,
            Outcome::Rejected(rejection) => Some(*rejection),
        }
    }
}

/// `votes ≥ quorum × eligible`, exactly.
fn turnout_met(quorum: Decimal, votes: u128, eligible: u64) -> bool {
    Uint128::new(votes).full_mul(Decimal::one().atomics())
        >= quorum.atomics().full_mul(Uint128::from(eligible))
}

/// `yes > threshold × (yes + no)`, exactly.
fn approved(threshold: Decimal, yes: u128, no: u128) -> bool {
    Uint128::new(yes).full_mul(Decimal::one().atomics())
        > threshold.atomics().full_mul(Uint128::new(yes + no))
}

fn voted(tally: &CollegeTally) -> u128 {
    u128::from(tally.yes) + u128::from(tally.no) + u128::from(tally.abstain)
}

/// One college's two tests on its final tally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CollegeTests {
    pub turnout_met: bool,
    pub approval_met: bool,
}

impl CollegeTests {
    /// The first failing test, turnout before approval: `None` when both pass.
    pub fn failure(self) -> Option<RejectionReason> {
        if !self.turnout_met {
            Some(RejectionReason::TurnoutNotMet)
        } else if !self.approval_met {
            Some(RejectionReason::ThresholdNotMet)
        } else {
            None
        }
    }
}

pub fn college_tests(rules: &CollegeRules, tally: &CollegeTally) -> CollegeTests {
    CollegeTests {
        turnout_met: turnout_met(rules.quorum, voted(tally), tally.eligible),
        approval_met: approved(rules.threshold, tally.yes.into(), tally.no.into()),
    }
}

/// The decision on a final tally: the first failing test, activists before technologists.
pub fn final_outcome(rules: &Rules, tally: &Tally) -> Outcome {
    College::ALL
        .into_iter()
        .find_map(|college| {
            college_tests(rules.college(college), tally.college(college))
                .failure()
                .map(|reason| Outcome::Rejected(Rejection { reason, college }))
        })
        .unwrap_or(Outcome::Passed)
}

/// Whether some and whether every completion of the college's ballots passes it.
fn college_bounds(rules: &CollegeRules, tally: &CollegeTally, revoting: bool) -> (bool, bool) {
    let voted = voted(tally);
    let eligible = u128::from(tally.eligible);
    // ballots that may still be cast or changed, and the yes/no that cannot change
    let (open, fixed_yes, fixed_no) = if revoting {
        (eligible, 0, 0)
    } else {
        (
            eligible.saturating_sub(voted),
            u128::from(tally.yes),
            u128::from(tally.no),
        )
    };
    let turnout_if_all_vote = voted.max(eligible);
    let can_pass = turnout_met(rules.quorum, turnout_if_all_vote, tally.eligible)
        && approved(rules.threshold, fixed_yes + open, fixed_no);
    let can_fail = !turnout_met(rules.quorum, voted, tally.eligible)
        || !approved(rules.threshold, fixed_yes, fixed_no + open);
    (can_pass, !can_fail)
}

/// The decision, if no ballot still possible can change passed / rejected. A rejection
/// names the first failing test of the tally as it stands (no more ballots are taken).
pub fn early_outcome(rules: &Rules, tally: &Tally) -> Option<Outcome> {
    let (mut can_pass, mut must_pass) = (true, true);
    for college in College::ALL {
        let (some, every) = college_bounds(
            rules.college(college),
            tally.college(college),
            rules.allow_revoting,
        );
        can_pass &= some;
        must_pass &= every;
    }
    if must_pass {
        Some(Outcome::Passed)
    } else if !can_pass {
        // the tally as it stands is one completion, so it fails too
        Some(final_outcome(rules, tally))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn rules(quorum: &str, threshold: &str, allow_revoting: bool) -> Rules {
        let college = CollegeRules {
            quorum: dec(quorum),
            threshold: dec(threshold),
        };
        Rules {
            voting_period: 10,
            allow_revoting,
            activists: college,
            technologists: college,
            execution_window: 10,
        }
    }

    fn college(yes: u64, no: u64, abstain: u64, eligible: u64) -> CollegeTally {
        CollegeTally {
            yes,
            no,
            abstain,
            eligible,
        }
    }

    fn tally(a: (u64, u64, u64, u64), t: (u64, u64, u64, u64)) -> Tally {
        Tally {
            activists: college(a.0, a.1, a.2, a.3),
            technologists: college(t.0, t.1, t.2, t.3),
        }
    }

    fn rejected(reason: RejectionReason, college: College) -> Outcome {
        Outcome::Rejected(Rejection { reason, college })
    }

    use College::{Activists as A, Technologists as T};
    use RejectionReason::{ThresholdNotMet as Threshold, TurnoutNotMet as Turnout};

    #[test]
    fn spec_default_quorum_lets_two_of_three_through() {
        let r = Rules::default();
        let q = r.activists.quorum;
        assert!(turnout_met(q, 2, 3));
        assert!(!turnout_met(q, 1, 3));
        assert!(turnout_met(q, 4, 6));
        assert!(!turnout_met(q, 3, 6));
        assert!(!turnout_met(q, 66, 100));
        assert!(turnout_met(q, 67, 100));
        // one atomic above 2/3 and 2 of 3 no longer meets it
        assert!(!turnout_met(dec("0.666666666666666667"), 2, 3));
        // exactly at the bar counts: 1/2 of 4 is 2
        assert!(turnout_met(dec("0.5"), 2, 4));
        assert!(!turnout_met(dec("0.5"), 1, 3));
    }

    #[test]
    fn approval_is_strictly_above_the_threshold() {
        let half = dec("0.5");
        assert!(!approved(half, 1, 1));
        assert!(approved(half, 2, 1));
        assert!(!approved(half, 0, 0));
        // abstentions only count toward turnout
        assert!(approved(dec("0"), 1, 0));
        assert!(!approved(dec("0"), 0, 5));
        // one atomic above yes/(yes+no) already fails
        assert!(approved(dec("0.666666666666666666"), 2, 1));
        assert!(!approved(dec("0.666666666666666667"), 2, 1));
    }

    #[test]
    fn final_outcomes() {
        let r = rules("0.666666666666666666", "0.5", false);
        let cases = [
            (tally((2, 0, 0, 3), (2, 1, 0, 3)), Outcome::Passed),
            (tally((2, 0, 0, 3), (2, 0, 0, 3)), Outcome::Passed),
            (tally((1, 0, 0, 3), (3, 0, 0, 3)), rejected(Turnout, A)),
            (tally((1, 1, 0, 3), (3, 0, 0, 3)), rejected(Threshold, A)),
            (tally((2, 0, 0, 3), (1, 0, 0, 3)), rejected(Turnout, T)),
            (tally((2, 0, 0, 3), (1, 1, 1, 3)), rejected(Threshold, T)),
            // activists before technologists, turnout before approval
            (tally((0, 0, 0, 3), (0, 0, 0, 3)), rejected(Turnout, A)),
            (tally((0, 0, 3, 3), (0, 0, 0, 3)), rejected(Threshold, A)),
            (tally((0, 0, 3, 3), (0, 3, 0, 3)), rejected(Threshold, A)),
            (tally((0, 0, 3, 3), (3, 0, 0, 3)), rejected(Threshold, A)),
            (tally((0, 1, 0, 3), (0, 1, 0, 3)), rejected(Turnout, A)),
            // a college of one
            (tally((1, 0, 0, 1), (1, 0, 0, 1)), Outcome::Passed),
            (tally((0, 1, 0, 1), (1, 0, 0, 1)), rejected(Threshold, A)),
        ];
        for (t, expected) in cases {
            assert_eq!(final_outcome(&r, &t), expected, "{t:?}");
        }
    }

    #[test]
    fn early_outcomes_without_revoting() {
        let r = rules("0.666666666666666666", "0.5", false);
        let cases = [
            // nothing decided at the start
            (tally((0, 0, 0, 3), (0, 0, 0, 3)), None),
            // 1 of 3: two more yes could pass, two more abstain could fail
            (tally((1, 0, 0, 3), (3, 0, 0, 3)), None),
            // 1 yes 1 no of 3: the last ballot decides
            (tally((1, 1, 0, 3), (3, 0, 0, 3)), None),
            // both colleges have a majority of all eligible: passed whatever comes
            (tally((2, 0, 0, 3), (2, 0, 0, 3)), Some(Outcome::Passed)),
            // 2 yes of 4: turnout met, but 2 more no would tie
            (tally((2, 0, 0, 4), (3, 0, 0, 4)), None),
            (tally((3, 0, 0, 4), (3, 0, 0, 4)), Some(Outcome::Passed)),
            // activists can no longer approve: rejected now, named by the tally as it is
            (
                tally((0, 2, 0, 3), (0, 0, 0, 3)),
                Some(rejected(Threshold, A)),
            ),
            (
                tally((0, 2, 0, 4), (0, 0, 0, 3)),
                Some(rejected(Turnout, A)),
            ),
            // technologists can no longer approve while activists already passed
            (
                tally((2, 0, 0, 3), (1, 2, 0, 3)),
                Some(rejected(Threshold, T)),
            ),
            // everyone abstained: the votes are in, nobody approved
            (
                tally((0, 0, 3, 3), (3, 0, 0, 3)),
                Some(rejected(Threshold, A)),
            ),
        ];
        for (t, expected) in cases {
            assert_eq!(early_outcome(&r, &t), expected, "{t:?}");
        }
    }

    #[test]
    fn with_revoting_only_unanimity_within_reach_decides_nothing_early() {
        let r = rules("0.666666666666666666", "0.5", true);
        for t in [
            tally((3, 0, 0, 3), (3, 0, 0, 3)),
            tally((0, 3, 0, 3), (0, 3, 0, 3)),
            tally((0, 0, 0, 3), (0, 0, 0, 3)),
        ] {
            assert_eq!(early_outcome(&r, &t), None, "{t:?}");
        }
        // a college that cannot approve even if everyone votes yes settles it
        let never = Rules {
            activists: CollegeRules {
                quorum: Decimal::one(),
                threshold: Decimal::one(),
            },
            ..r
        };
        assert_eq!(
            early_outcome(&never, &tally((3, 0, 0, 3), (3, 0, 0, 3))),
            Some(rejected(Threshold, A))
        );
    }

    #[test]
    fn zero_quorum_and_threshold() {
        let r = rules("0", "0", false);
        assert_eq!(
            final_outcome(&r, &tally((0, 0, 0, 3), (0, 0, 0, 3))),
            rejected(Threshold, A)
        );
        assert_eq!(
            final_outcome(&r, &tally((1, 0, 0, 3), (1, 2, 0, 3))),
            Outcome::Passed
        );
        // with threshold 0 one yes approves, whatever else comes
        assert_eq!(
            early_outcome(&r, &tally((1, 0, 0, 2), (1, 0, 0, 1))),
            Some(Outcome::Passed)
        );
        assert_eq!(early_outcome(&r, &tally((0, 1, 0, 2), (1, 0, 0, 1))), None);
    }

    #[test]
    fn quorum_one_needs_everyone() {
        let r = rules("1", "0.5", false);
        assert_eq!(
            final_outcome(&r, &tally((2, 0, 0, 3), (3, 0, 0, 3))),
            rejected(Turnout, A)
        );
        assert_eq!(
            early_outcome(&r, &tally((3, 0, 0, 3), (3, 0, 0, 3))),
            Some(Outcome::Passed)
        );
    }

    #[test]
    fn huge_colleges_do_not_overflow() {
        let r = rules("1", "0.999999999999999999", false);
        let big = (u64::MAX, 0, 0, u64::MAX);
        assert_eq!(final_outcome(&r, &tally(big, big)), Outcome::Passed);
        assert_eq!(early_outcome(&r, &tally(big, big)), Some(Outcome::Passed));
        // more ballots than a u64 holds, counted neither wrapped nor rounded
        let tests = college_tests(&r.activists, &college(u64::MAX, 0, u64::MAX, u64::MAX));
        assert!(tests.turnout_met && tests.approval_met);
    }

    proptest! {
        #[test]
        fn college_tests_match_rational_arithmetic(
            yes in 0u64..1000,
            no in 0u64..1000,
            abstain in 0u64..1000,
            extra in 0u64..1000,
            q in 0u128..=1_000_000_000_000_000_000,
            t in 0u128..=1_000_000_000_000_000_000,
        ) {
            let eligible = yes + no + abstain + extra;
            let college_rules = CollegeRules { quorum: Decimal::new(q.into()), threshold: Decimal::new(t.into()) };
            let tests = college_tests(&college_rules, &college(yes, no, abstain, eligible));
            let scale = 1_000_000_000_000_000_000u128;
            prop_assert_eq!(tests.turnout_met, u128::from(yes + no + abstain) * scale >= q * u128::from(eligible));
            prop_assert_eq!(tests.approval_met, u128::from(yes) * scale > t * u128::from(yes + no));
        }
    }
}
