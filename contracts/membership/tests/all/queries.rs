use berty_interface::membership::QueryMsg;
use berty_interface::paginate::MAX_LIMIT;
use berty_interface::{College, Role, RoleFilter, RoleKind};
use berty_testing::membership::{member, MembershipSuite, ACTIVIST, SEATS, TECHNOLOGIST};
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
    let suite = MembershipSuite::new(&SEATS);
    let zed = suite.addr("zed");
    let answer = suite.member(&zed, None);
    assert_eq!(
        (answer.addr, answer.role, answer.pubkey, answer.barred),
        (zed, None, None, false)
    );
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
    assert_eq!(json["barred"], false);
    let err = suite.query_err(&QueryMsg::Member {
        addr: "bad".into(),
        at_height: None,
    });
    assert!(err.contains("invalid address \"bad\""), "{err}");
}

#[test]
fn members_by_role_and_college_in_address_order() {
    // genesis seats act0 and tech0, the others join in one batch
    let mut suite = MembershipSuite::new(&[("act0", ACTIVIST), ("tech0", TECHNOLOGIST)]);
    let acts: Vec<Addr> = (0..3).map(|i| suite.addr(&format!("act{i}"))).collect();
    let techs: Vec<Addr> = (0..4).map(|i| suite.addr(&format!("tech{i}"))).collect();
    let ctrs: Vec<Addr> = (0..2).map(|i| suite.addr(&format!("ctr{i}"))).collect();
    let add = acts[1..]
        .iter()
        .map(|a| member(a, ACTIVIST))
        .chain(techs[1..].iter().map(|a| member(a, TECHNOLOGIST)))
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
    let mut suite = MembershipSuite::new(&SEATS);
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
    let seats = SEATS.map(|(name, _)| suite.addr(name));
    let all = sorted(many.into_iter().chain(seats).collect());
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
    let suite = MembershipSuite::new(&[("alice", ACTIVIST), ("bob", TECHNOLOGIST)]);
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
        serde_json::json!({"activists":1,"technologists":1,"core_team_reps":0,"auditors":0})
    );
    let members = q(r#"{"members":{"role":"council","college":"activists"}}"#);
    assert_eq!(
        members["members"][0]["role"],
        serde_json::json!({"council":{"college":"activists"}})
    );
    assert_eq!(members["members"][0]["barred"], false);
    let members = q(r#"{"members":{"role":{"council":{"college":"activists"}}}}"#);
    assert_eq!(members["members"].as_array().unwrap().len(), 1);
    // role_members: the addresses alone
    let alice = suite.addr("alice");
    assert_eq!(
        q(r#"{"role_members":{"role":{"council":{"college":"activists"}}}}"#),
        serde_json::json!({ "members": [alice] })
    );
    assert_eq!(
        q(r#"{"role_members":{"role":"auditor"}}"#),
        serde_json::json!({ "members": [] })
    );
    let head = q(r#"{"member_log_head":{}}"#);
    assert_eq!(head["length"], 2);
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

/// `barred` in `member` and `members` answers: governance took the auditor role, so the
/// registrar may not grant it again; it is the state now, whatever `at_height` asks.
#[test]
fn member_and_members_answers_say_who_is_barred() {
    let mut suite = MembershipSuite::new(&[
        ("alice", ACTIVIST),
        ("bob", TECHNOLOGIST),
        ("audra", Role::Auditor),
        ("aldo", Role::Auditor),
    ]);
    let (audra, aldo) = (suite.addr("audra"), suite.addr("aldo"));
    let before = suite.next_block();
    // audra becomes a CTR (barred, still listed); aldo is removed (barred, not listed)
    suite
        .update_members(vec![member(&audra, Role::CoreTeamRep)], vec![&aldo])
        .unwrap();
    suite.next_block();
    let audra_now = suite.member(&audra, None);
    assert_eq!(
        (audra_now.role, audra_now.barred),
        (Some(Role::CoreTeamRep), true)
    );
    let aldo_now = suite.member(&aldo, None);
    assert_eq!((aldo_now.role, aldo_now.barred), (None, true));
    // at a height before the bar, the role is the past one but `barred` is now's
    let audra_then = suite.member(&audra, Some(before));
    assert_eq!(
        (audra_then.role, audra_then.barred),
        (Some(Role::Auditor), true)
    );
    let listed: Vec<(Addr, bool)> = suite
        .members(None, None, None, Some(100))
        .members
        .into_iter()
        .map(|m| (m.addr, m.barred))
        .collect();
    let expected = sorted(vec![suite.addr("alice"), suite.addr("bob"), audra.clone()])
        .into_iter()
        .map(|addr| {
            let barred = addr == audra;
            (addr, barred)
        })
        .collect::<Vec<_>>();
    assert_eq!(listed, expected);
    let ctrs = suite
        .members(
            Some(RoleFilter::Kind(RoleKind::CoreTeamRep)),
            None,
            None,
            None,
        )
        .members;
    assert_eq!(ctrs.len(), 1);
    assert!(ctrs[0].barred);
}

/// `role_members { role }`: the addresses holding one role now, in address order, paged
/// like every list (default 10, at most 100, `limit: 0` counts as 1).
#[test]
fn role_members_pages_one_role_in_address_order() {
    let mut suite = MembershipSuite::new(&SEATS);
    let auditors: Vec<Addr> = (0..(MAX_LIMIT + 5))
        .map(|i| suite.addr(&format!("aud{i}")))
        .collect();
    for chunk in auditors.chunks(100) {
        suite
            .update_members(
                chunk.iter().map(|a| member(a, Role::Auditor)).collect(),
                vec![],
            )
            .unwrap();
    }
    let ctr = suite.addr("ctr");
    suite
        .update_members(vec![member(&ctr, Role::CoreTeamRep)], vec![])
        .unwrap();
    let all = sorted(auditors.clone());

    assert_eq!(suite.role_members(Role::Auditor, None, None), all[..10]);
    assert_eq!(suite.role_members(Role::Auditor, None, Some(0)), all[..1]);
    assert_eq!(suite.role_members(Role::Auditor, None, Some(3)), all[..3]);
    assert_eq!(
        suite.role_members(Role::Auditor, None, Some(1000)),
        all[..MAX_LIMIT as usize]
    );
    // start_after is exclusive: the next page starts right after it
    assert_eq!(
        suite.role_members(Role::Auditor, Some(&all[4]), Some(2)),
        all[5..7]
    );
    assert_eq!(
        suite.role_members(Role::Auditor, Some(&all[MAX_LIMIT as usize - 1]), Some(100)),
        all[MAX_LIMIT as usize..]
    );
    assert_eq!(
        suite.role_members(Role::Auditor, Some(all.last().unwrap()), None),
        Vec::<Addr>::new()
    );
    // paging 7 at a time walks every auditor once
    let mut seen: Vec<Addr> = vec![];
    loop {
        let page = suite.role_members(Role::Auditor, seen.last(), Some(7));
        if page.is_empty() {
            break;
        }
        seen.extend(page);
    }
    assert_eq!(seen, all);
    // one role only; each college its own role
    assert_eq!(
        suite.role_members(Role::CoreTeamRep, None, None),
        vec![ctr.clone()]
    );
    assert_eq!(
        suite.role_members(ACTIVIST, None, None),
        vec![suite.addr("seat-activists")]
    );
    assert_eq!(
        suite.role_members(TECHNOLOGIST, None, None),
        vec![suite.addr("seat-technologists")]
    );

    // the holders now: a removed auditor leaves the list, a changed role moves
    suite
        .update_members(vec![member(&all[1], Role::CoreTeamRep)], vec![&all[0]])
        .unwrap();
    assert_eq!(suite.role_members(Role::Auditor, None, Some(2)), all[2..4]);
    assert_eq!(
        suite.role_members(Role::CoreTeamRep, None, None),
        sorted(vec![ctr, all[1].clone()])
    );

    let err = suite.query_err(&QueryMsg::RoleMembers {
        role: Role::Auditor,
        start_after: Some("bad".into()),
        limit: None,
    });
    assert!(err.contains("invalid address \"bad\""), "{err}");
}
