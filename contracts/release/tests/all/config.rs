use berty_interface::release::ExecuteMsg;
use berty_interface::release::UpdateReleaseConfigMsg;
use berty_interface::validate::ValidationError;
use berty_release::ContractError;
use berty_testing::assert_error;

use crate::suite::{attr, Suite};

fn update(app_name: Option<&str>, membership: Option<String>) -> ExecuteMsg {
    ExecuteMsg::UpdateConfig(UpdateReleaseConfigMsg {
        membership,
        audit_registry: None,
        council_vote: None,
        app_name: app_name.map(str::to_string),
    })
}

#[test]
fn governance_moves_peers_and_renames_the_app() {
    let mut suite = Suite::new();
    let new_membership = suite.addr("membership-v2");
    let res = suite
        .as_governance(update(Some("berty-beta"), Some(new_membership.to_string())))
        .unwrap();
    assert_eq!(attr(&res, "action").as_deref(), Some("update_config"));
    let config = suite.config();
    assert_eq!(config.app_name, "berty-beta");
    assert_eq!(config.membership, new_membership);
    assert_eq!(config.audit_registry, suite.registry);
    // governance hands itself over: the old council no longer governs
    let next = suite.addr("council-v2");
    suite
        .as_governance(ExecuteMsg::UpdateConfig(UpdateReleaseConfigMsg {
            membership: None,
            audit_registry: None,
            council_vote: Some(next.to_string()),
            app_name: None,
        }))
        .unwrap();
    assert_eq!(suite.config().council_vote, next);
    assert_error(
        suite.as_governance(update(Some("x"), None)).unwrap_err(),
        "Unauthorized",
    );
}

#[test]
fn others_are_unauthorized_and_updates_are_checked() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    assert_error(
        suite.execute(&carol, &update(Some("x"), None)).unwrap_err(),
        ContractError::Unauthorized {
            sender: carol,
            required: "the governance (council-vote)",
        },
    );
    assert_error(
        suite.as_governance(update(None, None)).unwrap_err(),
        ContractError::EmptyUpdate,
    );
    assert_error(
        suite.as_governance(update(Some(""), None)).unwrap_err(),
        ValidationError::InvalidLabel {
            field: "app_name",
            len: 0,
            max: 64,
        },
    );
    assert_error(
        suite
            .as_governance(update(None, Some("nope".into())))
            .unwrap_err(),
        "invalid address \"nope\"",
    );
    assert_eq!(suite.config().app_name, "berty");
}
