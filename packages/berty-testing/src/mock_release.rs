//! A stand-in for the release contract, for tests of its peers: it keeps candidates'
//! statuses under the raw key the interface owns (what the audit registry reads), opens
//! council votes on request, and records the decisions council-vote delivers.

use berty_interface::council_vote;
use berty_interface::keys::RELEASE_STATUS;
use berty_interface::release::RecordCouncilDecisionMsg;
use berty_interface::release::{self, ReleaseStatus};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Addr, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError,
    StdResult, WasmMsg,
};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use cw_storage_plus::Map;

#[cw_serde]
pub struct InstantiateMsg {}

/// What the mock does on request.
#[cw_serde]
pub enum MockMsg {
    /// Writes the candidate's status raw, as the release contract does.
    SetStatus {
        release_id: String,
        status: ReleaseStatus,
    },
    /// Sends `open_release_vote { release_id }` to `council_vote`.
    OpenVote {
        council_vote: String,
        release_id: String,
    },
}

/// The mock's messages, or the release contract's own (of which it handles
/// `record_council_decision`).
#[cw_serde]
#[serde(untagged)]
#[schemaifier(mute_warnings)]
pub enum ExecuteMsg {
    Mock(MockMsg),
    Release(release::ExecuteMsg),
}

#[cw_serde]
pub enum QueryMsg {
    /// The decision delivered for a proposal (an error when none was).
    Decision { proposal_id: u64 },
}

/// A decision as delivered, with who delivered it and how often.
#[cw_serde]
pub struct RecordedDecision {
    pub sender: Addr,
    pub decision: RecordCouncilDecisionMsg,
    pub deliveries: u64,
}

const DECISIONS: Map<u64, RecordedDecision> = Map::new("decisions");

fn execute(deps: DepsMut, _env: Env, info: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    match msg {
        ExecuteMsg::Mock(MockMsg::SetStatus { release_id, status }) => {
            RELEASE_STATUS.save(deps.storage, &release_id, &status)?;
            Ok(Response::new())
        }
        ExecuteMsg::Mock(MockMsg::OpenVote {
            council_vote,
            release_id,
        }) => Ok(Response::new().add_message(WasmMsg::Execute {
            contract_addr: council_vote,
            msg: to_json_binary(&council_vote::ExecuteMsg::OpenReleaseVote { release_id })?,
            funds: vec![],
        })),
        ExecuteMsg::Release(release::ExecuteMsg::RecordCouncilDecision(decision)) => {
            let proposal_id = decision.proposal_id;
            let deliveries = DECISIONS
                .may_load(deps.storage, proposal_id)?
                .map_or(0, |d| d.deliveries);
            let recorded = RecordedDecision {
                sender: info.sender,
                decision,
                deliveries: deliveries + 1,
            };
            DECISIONS.save(deps.storage, proposal_id, &recorded)?;
            Ok(Response::new().add_attribute("action", "record_council_decision"))
        }
        ExecuteMsg::Release(other) => Err(StdError::msg(format!(
            "mock release does not handle {other:?}"
        ))),
    }
}

fn query(deps: Deps, _env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Decision { proposal_id } => {
            to_json_binary(&DECISIONS.load(deps.storage, proposal_id)?)
        }
    }
}

pub fn contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        execute,
        crate::mocks::any_instantiate,
        query,
    ))
}

/// A mock release contract on `app`, instantiated by `sender`.
pub fn instantiate_mock(app: &mut App, sender: &Addr) -> Addr {
    let code_id = app.store_code(contract());
    app.instantiate_contract(
        code_id,
        sender.clone(),
        &InstantiateMsg {},
        &[],
        "mock-release",
        None,
    )
    .expect("instantiate mock release")
}

pub fn set_status(
    app: &mut App,
    mock: &Addr,
    release_id: &str,
    status: ReleaseStatus,
) -> AppResponse {
    let msg = ExecuteMsg::Mock(MockMsg::SetStatus {
        release_id: release_id.to_string(),
        status,
    });
    app.execute_contract(mock.clone(), mock.clone(), &msg, &[])
        .expect("set status")
}

/// Asks the mock to open a release vote in `council_vote`; the result is council-vote's.
pub fn open_vote(
    app: &mut App,
    mock: &Addr,
    council_vote: &Addr,
    release_id: &str,
) -> StdResult<AppResponse> {
    let msg = ExecuteMsg::Mock(MockMsg::OpenVote {
        council_vote: council_vote.to_string(),
        release_id: release_id.to_string(),
    });
    app.execute_contract(mock.clone(), mock.clone(), &msg, &[])
}

/// The decision delivered for `proposal_id`, `None` if none was.
pub fn decision(app: &App, mock: &Addr, proposal_id: u64) -> Option<RecordedDecision> {
    app.wrap()
        .query_wasm_smart(mock.clone(), &QueryMsg::Decision { proposal_id })
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use berty_interface::council_vote::{Rules, Tally};
    use berty_interface::keys::release_status;

    #[test]
    fn statuses_are_raw_readable_and_decisions_recorded() {
        let mut app = App::default();
        let owner = app.api().addr_make("owner");
        let mock = instantiate_mock(&mut app, &owner);
        assert_eq!(release_status(&app.wrap(), &mock, "r1").unwrap(), None);
        set_status(&mut app, &mock, "r1", ReleaseStatus::Voting);
        assert_eq!(
            release_status(&app.wrap(), &mock, "r1").unwrap(),
            Some(ReleaseStatus::Voting)
        );
        let council = app.api().addr_make("council");
        let msg = release::ExecuteMsg::RecordCouncilDecision(RecordCouncilDecisionMsg {
            release_id: "r1".into(),
            proposal_id: 4,
            passed: true,
            tally: Tally::default(),
            rules: Rules::default(),
            ballots_head: "00".into(),
            ballots_count: 0,
        });
        assert_eq!(decision(&app, &mock, 4), None);
        app.execute_contract(council.clone(), mock.clone(), &msg, &[])
            .unwrap();
        let recorded = decision(&app, &mock, 4).unwrap();
        assert_eq!((recorded.sender, recorded.deliveries), (council, 1));
        assert!(recorded.decision.passed);
    }
}
