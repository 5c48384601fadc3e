use berty_interface::membership::QueryMsg;
use berty_interface::paginate::MAX_LIMIT;
use berty_interface::{College, Role, RoleFilter, RoleKind};
use berty_testing::membership::{member, MembershipSuite, ACTIVIST, TECHNOLOGIST};
use cosmwasm_std::Addr;

fn addrs(
    suite: &MembershipSuite,
    role: Option<RoleFilter>,
    college: Option<College>,
    start: Option<&Addr>,
    limit: Option<u32>,
) -> Vec<Addr> {
    suite
        .members(role, college, start, limit)
        .members
        .into_iter()
        .map(|m| m.addr)
        .collect()
}

fn sorted(mut v: Vec<Addr>) -> Vec<Addr> {
    v.sort();
    v
}

#[test]
fn member_of_a_non_member_is_role_null() {
    let suite = MembershipSuite::new(&[]);
    let zed = suite.addr("zed");
    let answer = suite.member(&zed, None);
    assert_eq!((answer.addr, answer.role, answer.pubkey), (zed, None, None));
    let json: serde_json::Value = suite
        .app
        .wrap()
        .query_wasm_smart(
            suite.contract.clone(),
            &QueryMsg::Member {
                addr: suite.addr("zed").to_string(),
                at_height: None,
            },
        )
        .unwrap();
    assert_eq!(json["role"], serde_json::Value::Null);
    let err = suite.query_err(&QueryMsg::Member {
        addr: "bad".into(),
        at_height: None,
    });
    assert!(err.contains("invalid address \"bad\""), "{err}");
}

#[test]
fn members_by_role_and_college_in_address_order() {
    let mut suite = MembershipSuite::new(&[]);
    let acts: Vec<Addr> = (0..3).map(|i| suite.addr(&format!("act{i}"))).collect();
    let techs: Vec<Addr> = (0..4).map(|i| suite.addr(&format!("tech{i}"))).collect();
    let ctrs: Vec<Addr> = (0..2).map(|i| suite.addr(&format!("ctr{i}"))).collect();
    let add = acts
        .iter()
        .map(|a| member(a, ACTIVIST))
        .chain(techs.iter().map(|a| member(a, TECHNOLOGIST)))
        .chain(ctrs.iter().map(|a| member(a, Role::CoreTeamRep)))
        .collect();
    suite.update_members(add, vec![]).unwrap();

    let council = sorted(acts.iter().chain(&techs).cloned().collect());
    let all = sorted(council.iter().chain(&ctrs).cloned().collect());
    let council_kind = Some(RoleFilter::Kind(RoleKind::Council));
    let kind = |k| Some(RoleFilter::Kind(k));
    let table: Vec<(Option<RoleFilter>, Option<College>, Vec<Addr>)> = vec![
        (None, None, all),
        (council_kind, None, council.clone()),
        (None, Some(College::Technologists), sorted(techs.clone())),
        (council_kind, Some(College::Activists), sorted(acts.clone())),
        (Some(RoleFilter::Role(ACTIVIST)), None, sorted(acts.clone())),
        (kind(RoleKind::CoreTeamRep), None, sorted(ctrs.clone())),
        (kind(RoleKind::Auditor), None, vec![]),
        // a contradiction selects nobody
        (kind(RoleKind::Auditor), Some(College::Activists), vec![]),
    ];
    for (role, college, expected) in table {
        assert_eq!(
            addrs(&suite, role, college, None, Some(100)),
            expected,
            "{role:?} {college:?}"
        );
    }

    // paging council members three at a time walks both colleges in address order
    let mut seen = vec![];
    let mut start: Option<Addr> = None;
    loop {
        let page = addrs(
            &suite,
            Some(RoleFilter::Kind(RoleKind::Council)),
            None,
            start.as_ref(),
            Some(3),
        );
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 3);
        start = page.last().cloned();
        seen.extend(page);
    }
    assert_eq!(seen, council);

    let first = suite.members(None, None, None, None).members;
    assert_eq!(first.len(), 9);
    assert_eq!(first[0].role, Some(suite.role(&first[0].addr).unwrap()));
}

#[test]
fn pages_default_to_ten_and_cap_at_a_hundred() {
    let mut suite = MembershipSuite::new(&[]);
    let many: Vec<Addr> = (0..(MAX_LIMIT + 5))
        .map(|i| suite.addr(&format!("m{i}")))
        .collect();
    for chunk in many.chunks(100) {
        suite
            .update_members(
                chunk.iter().map(|a| member(a, Role::Auditor)).collect(),
                vec![],
            )
            .unwrap();
    }
    assert_eq!(addrs(&suite, None, None, None, None).len(), 10);
    assert_eq!(
        addrs(&suite, None, None, None, Some(1000)).len(),
        MAX_LIMIT as usize
    );
    assert_eq!(
        addrs(
            &suite,
            Some(RoleFilter::Kind(RoleKind::Auditor)),
            None,
            None,
            Some(1000)
        )
        .len(),
        MAX_LIMIT as usize
    );
    let all = sorted(many);
    assert_eq!(
        addrs(
            &suite,
            None,
            None,
            Some(&all[MAX_LIMIT as usize]),
            Some(1000)
        ),
        all[MAX_LIMIT as usize + 1..].to_vec()
    );
}

#[test]
fn json_shapes_as_spec_writes_them() {
    let suite = MembershipSuite::new(&[("alice", ACTIVIST)]);
    let q = |json: &str| -> serde_json::Value {
        suite
            .app
            .wrap()
            .query_wasm_smart(
                suite.contract.clone(),
                &serde_json::from_str::<serde_json::Value>(json).unwrap(),
            )
            .unwrap()
    };
    let counts = q(r#"{"counts":{}}"#);
    assert_eq!(
        counts,
        serde_json::json!({"activists":1,"technologists":0,"core_team_reps":0,"auditors":0})
    );
    let members = q(r#"{"members":{"role":"council","college":"activists"}}"#);
    assert_eq!(
        members["members"][0]["role"],
        serde_json::json!({"council":{"college":"activists"}})
    );
    let members = q(r#"{"members":{"role":{"council":{"college":"activists"}}}}"#);
    assert_eq!(members["members"].as_array().unwrap().len(), 1);
    let head = q(r#"{"member_log_head":{}}"#);
    assert_eq!(head["length"], 1);
    assert_eq!(head["head"].as_str().unwrap().len(), 64);
    let log = q(r#"{"member_log":{"limit":5}}"#);
    let event = &log["events"][0]["event"];
    assert_eq!(event["kind"], "granted");
    assert_eq!(
        event["data"]["role"],
        serde_json::json!({"council":{"college":"activists"}})
    );
    assert_eq!(event["pubkey"], serde_json::Value::Null);
    let config = q(r#"{"config":{}}"#);
    assert_eq!(config["pending_owner"], serde_json::Value::Null);
}
