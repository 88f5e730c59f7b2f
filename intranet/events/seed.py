"""Event types (reference data, idempotent) and a believable demo programme around today."""

import random
from datetime import date, time, timedelta

from sqlalchemy import select

from intranet.clock import from_local, local_today
from intranet.events.models import (
    AUDIENCE_GROUPS,
    AUDIENCES,
    Attendance,
    Campaign,
    Event,
    EventType,
    Status,
)
from intranet.events.services import (
    EventData,
    SeriesData,
    create_event,
    create_series,
    record_transition,
)
from intranet.extensions import db
from intranet.libraries.models import Club, Library

EVENT_TYPES = [
    ("literary_evening", "Әдеби кеш", "Литературный вечер", "Literary evening"),
    ("book_presentation", "Кітап тұсаукесері", "Презентация книги", "Book presentation"),
    (
        "one_country_one_book",
        "«Бір ел – бір кітап» акциясы",
        "Акция «Одна страна – одна книга»",
        '"One Country – One Book" campaign',
    ),
    ("jubilee", "Мерейтой кеші", "Юбилейный вечер", "Writer's jubilee"),
    ("festive_evening", "Мерекелік кеш", "Праздничный вечер", "Festive evening"),
    (
        "historical_evening",
        "Тарихи-танымдық кеш",
        "Историко-познавательный вечер",
        "Historical-educational evening",
    ),
    (
        "poetry_evening",
        "Әдеби-жыр кеші",
        "Литературно-поэтический вечер",
        "Literary-poetry evening",
    ),
    ("poetry_hour", "Поэзия сағаты", "Час поэзии", "Poetry hour"),
    ("edification_hour", "Өнеге сағаты", "Час назидания", "Edification hour"),
    ("art_hour", "Өнертану сағаты", "Час искусствоведения", "Art-history hour"),
    (
        "readers_conference",
        "Оқырмандар конференциясы",
        "Читательская конференция",
        "Readers' conference",
    ),
    ("book_discussion", "Кітап талдауы", "Обсуждение книги", "Book discussion"),
    # Беташар: the library introduces newly received books; тұсаукесер: an author presents a book.
    ("book_unveiling", "Кітап беташары", "Презентация новой книги", "New book unveiling"),
    ("club_meeting", "Клуб отырысы", "Заседание клуба", "Club meeting"),
    ("exhibition", "Кітап көрмесі", "Книжная выставка", "Book exhibition"),
    ("other", "Басқа", "Другое", "Other"),
]


def seed_event_types() -> int:
    """The glossary's 16 event types; names are refreshed, admin-added types are kept."""
    existing = {t.slug: t for t in db.session.scalars(select(EventType))}
    for position, (slug, kk, ru, en) in enumerate(EVENT_TYPES):
        row = existing.get(slug) or EventType(slug=slug, colour=position, position=position)
        row.name_kk, row.name_ru, row.name_en = kk, ru, en
        db.session.add(row)
    db.session.flush()
    return len(EVENT_TYPES)


TOPICS = [
    ("Абай жолы", "Путь Абая", "Abai's Path"),
    ("Қорқыт ата мұрасы", "Наследие Коркыт ата", "The legacy of Korkyt Ata"),
    ("Сыр елінің ақындары", "Поэты Сырдарьи", "Poets of the Syr Darya"),
    ("Мұхтар Әуезов шығармашылығы", "Творчество Мухтара Ауэзова", "Mukhtar Auezov's work"),
    ("Жаңа кітаптар", "Новые книги", "New books"),
    ("Тәуелсіздік жылнамасы", "Летопись Независимости", "Chronicle of Independence"),
    ("Ұлы дала тарихы", "История Великой степи", "History of the Great Steppe"),
    ("Балалар әдебиеті", "Детская литература", "Children's literature"),
]
# One text field for every language: the demo writes a room as a bilingual sign does.
ROOMS = [
    "Оқу залы / Читальный зал",
    "Акт залы / Актовый зал",
    "Балалар бөлімі / Детский отдел",
    "Коворкинг",
]
STATUS_MIX_PAST = [Status.HELD] * 6 + [Status.APPROVED, Status.CANCELLED]
STATUS_MIX_FUTURE = [Status.APPROVED] * 5 + [Status.PENDING, Status.DRAFT, Status.RETURNED]


def _advance(event: Event, status: str, rng: random.Random | None) -> None:
    """Walk a demo event through the workflow to `status`, as staff would have."""
    if status == Status.DRAFT:
        return
    record_transition(event, Status.PENDING, actor=None)
    if status == Status.PENDING:
        return
    if status == Status.RETURNED:
        record_transition(event, Status.RETURNED, actor=None, comment="Уақытын нақтылаңыз.")
        return
    record_transition(event, Status.APPROVED, actor=None)
    if status == Status.CANCELLED:
        reason = "Демо: автор келе алмады / автор не смог приехать"
        record_transition(event, Status.CANCELLED, actor=None, comment=reason, cancel_reason=reason)
    elif status == Status.HELD:
        rng = rng or random.Random()
        total = rng.randint(12, 80)
        parts = [rng.randint(0, total // 5) for _ in AUDIENCE_GROUPS]
        event.attendance = Attendance(
            total=total, note="", **dict(zip(AUDIENCE_GROUPS, parts, strict=True))
        )
        record_transition(event, Status.HELD, actor=None)


def seed_demo_events(today: date | None = None) -> int:
    """About two months of programme in every library; does nothing if demo events exist."""
    if db.session.scalar(select(Event.id).where(Event.is_demo).limit(1)):
        return 0
    today = today or local_today()
    rng = random.Random(2026)
    types = db.session.scalars(select(EventType).order_by(EventType.position)).all()
    libraries = db.session.scalars(select(Library).order_by(Library.position)).all()
    clubs = {c.slug: c for c in db.session.scalars(select(Club))}
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == "one-country-one-book"))
    if campaign is None:
        campaign = Campaign(
            slug="one-country-one-book",
            name_kk="«Бір ел – бір кітап»",
            name_ru="«Одна страна – одна книга»",
            name_en="One Country – One Book",
            start_date=today - timedelta(days=30),
            end_date=today + timedelta(days=45),
            book_title="Абай жолы",
            book_author="Мұхтар Әуезов",
            target_per_library=3,
            is_demo=True,
        )
        db.session.add(campaign)
    count = 0
    for offset in range(-30, 31):
        day = today + timedelta(days=offset)
        if day.weekday() == 6:
            continue
        for index, library in enumerate(libraries):
            if (offset + index) % 4:
                continue
            kind = types[count % len(types)]
            count += _demo_event(
                day,
                library,
                kind,
                rng,
                campaign if kind.slug == "one_country_one_book" else None,
                today,
            )
    for slug, library, weekday, hour in (
        ("bookworms", libraries[0], 2, 16),
        ("english-club", libraries[0], 4, 17),
        ("alem-book", libraries[-1], 5, 11),
    ):
        first = today - timedelta(days=28) + timedelta(days=(weekday - today.weekday()) % 7)
        club_type = next(t for t in types if t.slug == "club_meeting")
        name = clubs[slug].name_kk if slug in clubs else slug
        data = EventData(
            type=club_type,
            library=library,
            room="Коворкинг",
            start_dt=from_local(first, time(hour)),
            end_dt=from_local(first, time(hour + 1, 30)),
            title_kk=f"{name} клубының отырысы",
            title_ru=f"Заседание клуба {clubs[slug].name_ru if slug in clubs else slug}",
            title_en=None,
            description_kk="",
            description_ru="",
            description_en="",
            audience="youth",
            language="kk_ru",
            organiser="",
            partners="",
            club=clubs.get(slug),
            campaign=None,
            capacity=25,
            internal_notes="",
        )
        _series, events = create_series(
            data, SeriesData(repeat="weekly", occurrences=9), actor=None, is_demo=True
        )
        for event in events:
            past = event.end_dt.date() < today
            _advance(event, Status.HELD if past else Status.APPROVED, rng)
        count += len(events)
    db.session.flush()
    return count


def _demo_event(
    day: date,
    library: Library,
    kind: EventType,
    rng: random.Random,
    campaign: Campaign | None,
    today: date,
) -> int:
    """One demo event of a library on a day, walked to a likely status."""
    topic = rng.choice(TOPICS)
    hour = rng.choice((11, 14, 15, 16))
    name_kk, name_ru, name_en = kind.name_kk, kind.name_ru, kind.name_en
    data = EventData(
        type=kind,
        library=library,
        room=rng.choice(ROOMS),
        start_dt=from_local(day, time(hour)),
        end_dt=from_local(day, time(hour + 2)),
        title_kk=f"{name_kk}: {topic[0]}",
        title_ru=f"{name_ru}: {topic[1]}",
        title_en=f"{name_en}: {topic[2]}",
        description_kk=f"{topic[0]} тақырыбына арналған іс-шара. Барлығын шақырамыз!",
        description_ru=f"Мероприятие на тему «{topic[1]}». Приглашаем всех!",
        description_en="",
        audience=rng.choice(AUDIENCES),
        language=rng.choice(("kk", "kk_ru")),
        # Free text, one field for every reader: written in both languages, as staff here do
        # on bilingual notices (the room names are written the same way).
        organiser="Кітапхана / Библиотека",
        partners=rng.choice(
            (
                "",
                "№ 5 мектеп-лицей / Школа-лицей № 5",
                "Қорқыт Ата атындағы ҚУ / КУ имени Коркыт Ата",
            )
        ),
        club=None,
        campaign=campaign,
        capacity=rng.choice((None, 30, 50)),
        internal_notes="Демо ескертпе: залды дайындау",
    )
    event = create_event(data, actor=None, is_demo=True)
    mix = STATUS_MIX_PAST if day < today else STATUS_MIX_FUTURE
    _advance(event, rng.choice(mix), rng)
    return 1
