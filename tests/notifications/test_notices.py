"""The bell: an unread count on staff pages for one query; the notices page reads them."""

from sqlalchemy import event, select

from intranet.extensions import db
from intranet.notifications.models import Notice
from tests.conftest import login


def add_notices(app, user_id: int, count: int) -> None:
    with app.app_context():
        for n in range(count):
            db.session.add(
                Notice(
                    user_id=user_id,
                    kind="events.approved",
                    text=f"Бекітілді: <b>{n}</b>",
                    link="/staff/",
                )
            )
        db.session.commit()


def bell(page: str) -> str:
    start = page.index('class="nav-link bell"')
    return page[start : page.index("</a>", start)]


def test_the_bell_counts_unread_notices_with_one_query(app, client, make_user):
    user_id, email = make_user("branch_staff", library="no-6", language="kk")
    other_id, _ = make_user("branch_staff", library="no-6")
    add_notices(app, user_id, 3)
    add_notices(app, other_id, 5)
    login(client, email)
    statements: list[str] = []
    with app.app_context():
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            page = client.get("/staff/").get_data(as_text=True)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    assert "Хабарламалар" in bell(page)
    assert ">3<" in bell(page)
    assert len([s for s in statements if "FROM notice" in s]) == 1


def test_opening_the_notices_reads_them(app, client, make_user):
    user_id, email = make_user("branch_staff", library="no-6")
    add_notices(app, user_id, 2)
    login(client, email)
    page = client.get("/staff/notices").get_data(as_text=True)
    assert page.count(">New<") == 2  # shown as new this time
    assert "Бекітілді: &lt;b&gt;1&lt;/b&gt;" in page  # escaped
    assert 'href="/staff/"' in page
    again = client.get("/staff/notices").get_data(as_text=True)
    assert ">New<" not in again
    assert "badge rounded-pill" not in bell(again)
    with app.app_context():
        assert all(db.session.scalars(select(Notice.read_dt).where(Notice.user_id == user_id)))


def test_no_notices_yet(client, login_as):
    login_as("coordinator", centres=["cowork-central"])
    page = client.get("/staff/notices").get_data(as_text=True)
    assert "No notices yet" in page
    assert 'href="/staff/me/notifications"' in page


def test_my_notifications_is_linked_from_my_account(client, login_as):
    login_as("central_staff")
    page = client.get("/staff/account").get_data(as_text=True)
    assert 'href="/staff/me/notifications"' in page
