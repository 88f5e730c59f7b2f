"""Application factory of the Kyzylorda libraries intranet."""

import os
from pathlib import Path

from flask import Flask, g, request, session
from flask_login import current_user
from werkzeug.local import LocalProxy
from werkzeug.middleware.proxy_fix import ProxyFix

from intranet import connections, fast_path, i18n, logs, page_cache, security, static_files, urls
from intranet.config import load_config
from intranet.errors import register_error_handlers
from intranet.extensions import babel, csrf, db, limiter, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the app; test_config overrides the environment."""
    instance_path = os.environ.get("INSTANCE_PATH", str(PROJECT_ROOT / "instance"))
    app = Flask(
        __name__,
        instance_path=instance_path,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.request_class = i18n.AppRequest
    app.config.update(load_config(app.instance_path))
    if test_config:
        app.config.update(test_config)
    logs.init_app(app)
    register_extensions(app)
    register_blueprints(app)
    register_commands(app)
    register_error_handlers(app)
    register_request_hooks(app)
    fast_path.init_app(app)
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        # Trust X-Forwarded-* only from the configured number of reverse proxies (in front of
        # the fast path, which keys on the scheme and host they tell).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)  # type: ignore[method-assign]
    return app


def register_extensions(app: Flask) -> None:
    """Bind the extensions to this app."""
    from intranet.auth.models import Visitor
    from intranet.auth.services.user_sessions import load_signed_in_user

    db.init_app(app)
    connections.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    login_manager.user_loader(load_signed_in_user)
    login_manager.anonymous_user = Visitor
    login_manager.login_view = "auth_public.login"
    login_manager.login_message = i18n.LOGIN_REQUIRED_MESSAGE
    login_manager.login_message_category = "warning"
    i18n.init_app(app)
    security.init_app(app)
    static_files.init_app(app)
    urls.init_app(app)


def register_blueprints(app: Flask) -> None:
    """Attach each domain's blueprint explicitly."""
    from intranet.accounts import views as accounts_public
    from intranet.admin.views import clubs as clubs_staff
    from intranet.admin.views import libraries as libraries_staff
    from intranet.admin.views import staff as admin_staff
    from intranet.admin.views import working_days as admin_working_days
    from intranet.auth.views import public as auth_public
    from intranet.auth.views import staff as auth_staff
    from intranet.auth.views import two_factor as auth_two_factor
    from intranet.coworking.views import api as coworking_api
    from intranet.coworking.views import checkin as coworking_checkin
    from intranet.coworking.views import public as coworking_public
    from intranet.coworking.views import staff as coworking_staff
    from intranet.events.views import api as events_api
    from intranet.events.views import public as events_public
    from intranet.events.views import staff as events_staff
    from intranet.events.views import templating as events_templating
    from intranet.libraries.views import api as libraries_api
    from intranet.notifications.views import staff as notifications_staff
    from intranet.notifications.views import templating as notifications_templating
    from intranet.public.views import clubs as clubs_public
    from intranet.public.views import libraries as libraries_public
    from intranet.public.views import public
    from intranet.reports.views import staff as reports_staff

    app.register_blueprint(public.bp)
    app.register_blueprint(auth_public.bp)
    app.register_blueprint(auth_staff.bp)
    app.register_blueprint(auth_two_factor.bp)
    app.register_blueprint(accounts_public.bp)
    app.register_blueprint(admin_staff.bp, url_prefix="/staff/admin")
    app.register_blueprint(admin_working_days.bp, url_prefix="/staff/admin/working-days")
    app.register_blueprint(libraries_api.bp, url_prefix="/api/v1")
    app.register_blueprint(libraries_public.bp)
    app.register_blueprint(libraries_staff.bp, url_prefix="/staff/libraries")
    app.register_blueprint(clubs_public.bp)
    app.register_blueprint(clubs_staff.bp, url_prefix="/staff/clubs")
    app.register_blueprint(coworking_public.bp)
    app.register_blueprint(coworking_staff.bp, url_prefix="/staff/coworking")
    app.register_blueprint(coworking_checkin.bp)
    app.register_blueprint(coworking_api.bp, url_prefix="/api/v1")
    app.register_blueprint(events_public.bp)
    app.register_blueprint(events_staff.bp, url_prefix="/staff/events")
    app.register_blueprint(events_api.bp, url_prefix="/api/v1")
    events_templating.init_app(app)  # the staff desk's events and the labels in templates
    app.register_blueprint(reports_staff.bp, url_prefix="/staff/reports")
    app.register_blueprint(notifications_staff.bp, url_prefix="/staff")
    notifications_templating.init_app(app)  # the bell's count


def register_commands(app: Flask) -> None:
    """Attach the CLI commands (seed, user, ...)."""
    from intranet.admin.cli import backup_command, restore_command, user_cli
    from intranet.cli import build_static_command, seed_command
    from intranet.coworking.cli import coworking_cli
    from intranet.worker import worker_command

    app.cli.add_command(seed_command)
    app.cli.add_command(user_cli)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(coworking_cli)
    app.cli.add_command(worker_command)
    app.cli.add_command(build_static_command)


def register_request_hooks(app: Flask) -> None:
    """Language switching and template globals shared by every page."""
    from intranet.forms import EmptyForm
    from intranet.public import metrics

    metrics.init_app(app)  # first: its clock starts before any other hook

    @app.before_request
    def remember_language():
        lang = i18n.language_in_url()
        if request.endpoint == "static" or lang is None or lang == i18n.remembered_language():
            # The session is left untouched: a reader who has neither signed in nor chosen
            # a language gets no cookie, so public pages stay the same for every such reader;
            # nor does a link that carries the reader's own language (every public link does).
            return
        session["lang"] = lang
        session.permanent = True  # the choice outlives the browser window
        if current_user.is_authenticated and current_user.language != lang:
            current_user.language = lang
            db.session.commit()

    def empty_form() -> EmptyForm:
        # Built on first use: its CSRF token goes into the session, which a page without a
        # form must not create. formdata=None: error pages must not read a rejected body.
        if "empty_form" not in g:
            g.empty_form = EmptyForm(formdata=None)
        return g.empty_form

    from intranet.admin.waiting import Waiting, waiting_for

    def waiting() -> Waiting:
        # Counted once per page, and only when a signed-in page's menu asks.
        if "waiting" not in g:
            g.waiting = waiting_for(current_user._get_current_object())
        return g.waiting

    @app.context_processor
    def template_globals():
        return {"empty_form": LocalProxy(empty_form), "waiting": LocalProxy(waiting)}

    # Last: its after_request hook runs first and keeps the body before the others dress it.
    page_cache.init_app(app)
