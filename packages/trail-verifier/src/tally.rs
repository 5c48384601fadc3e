//! The decision of SPEC 4.3 as the verifier reports it: each college's two tests and the
//! first failing one, from the one definition of the rule (`berty_interface::tally`, which
//! the council-vote contract applies too).

use berty_interface::council_vote::{Rejection, Rules, Tally};
use berty_interface::tally::{college_tests, early_outcome, final_outcome, CollegeTests};
use berty_interface::College;

/// The decision: each college's tests, and passed or the first failing test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub activists: CollegeTests,
    pub technologists: CollegeTests,
    pub rejection: Option<Rejection>,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.rejection.is_none()
    }

    pub fn college(&self, college: College) -> CollegeTests {
        match college {
            College::Activists => self.activists,
            College::Technologists => self.technologists,
        }
    }
}

pub fn decide(rules: &Rules, tally: &Tally) -> Outcome {
    Outcome {
        activists: college_tests(&rules.activists, &tally.activists),
        technologists: college_tests(&rules.technologists, &tally.technologists),
        rejection: final_outcome(rules, tally).rejection(),
    }
}

/// Whether the vote is decided before its deadline (SPEC 4.3: "as soon as no remaining
/// ballot can change the outcome"). From then on the contract refuses ballots.
pub fn settled(rules: &Rules, tally: &Tally) -> bool {
    early_outcome(rules, tally).is_some()
}

/// `activists quorum 0.66, threshold 0.5; technologists ...; voting period 604800 s;
/// revoting not allowed; execution window 1209600 s`
pub fn rules_text(rules: &Rules) -> String {
    let colleges = College::ALL
        .iter()
        .map(|c| {
            let r = rules.college(*c);
            format!(
                "{} quorum {}, threshold {}",
                c.as_str(),
                r.quorum,
                r.threshold
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    format!(
        "{colleges}; voting period {} s; revoting {}; execution window {} s",
        rules.voting_period,
        if rules.allow_revoting {
            "allowed"
        } else {
            "not allowed"
        },
        rules.execution_window
    )
}

/// `activists 2 yes, 1 no, 0 abstain of 3 eligible; technologists ...`
pub fn tally_text(tally: &Tally) -> String {
    College::ALL
        .iter()
        .map(|college| {
            let t = tally.college(*college);
            format!(
                "{} {} yes, {} no, {} abstain of {} eligible",
                college.as_str(),
                t.yes,
                t.no,
                t.abstain,
                t.eligible
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use berty_interface::council_vote::{CollegeTally, RejectionReason};

    #[test]
    fn the_report_shows_each_colleges_tests_and_the_first_failure() {
        let tally = Tally {
            activists: CollegeTally {
                yes: 2,
                no: 1,
                abstain: 0,
                eligible: 3,
            },
            technologists: CollegeTally {
                yes: 0,
                no: 0,
                abstain: 1,
                eligible: 3,
            },
        };
        let outcome = decide(&Rules::default(), &tally);
        assert_eq!(
            outcome.college(College::Activists),
            CollegeTests {
                turnout_met: true,
                approval_met: true
            }
        );
        assert_eq!(
            outcome.college(College::Technologists),
            CollegeTests {
                turnout_met: false,
                approval_met: false
            }
        );
        assert!(!outcome.passed());
        assert_eq!(
            outcome.rejection,
            Some(Rejection {
                reason: RejectionReason::TurnoutNotMet,
                college: College::Technologists
            })
        );
        assert_eq!(
            tally_text(&tally),
            "activists 2 yes, 1 no, 0 abstain of 3 eligible; \
             technologists 0 yes, 0 no, 1 abstain of 3 eligible"
        );
    }
}
