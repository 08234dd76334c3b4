"""My schools, registering a school, its details, confidential advisor, locations and rooms."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import EmptyForm
from compliance import services
from compliance.forms import AdvisorForm, LocationForm, RoomForm, SchoolForm
from compliance.models import Location, Room
from compliance.permissions import can_edit_school, can_register_school
from compliance.views.blueprint import bp, school_or_404
from compliance.vocabulary import reporting_points
from core.forms import show_error
from core.web import get_or_404, render_form


@bp.get("/scholen")
def schools():
    return render_template("compliance/schools.html", schools=services.schools_for(current_user))


@bp.route("/scholen/nieuw", methods=["GET", "POST"])
def register_school():
    if not can_register_school(current_user):
        abort(403)
    form = SchoolForm()
    if form.validate_on_submit():
        try:
            school = services.register_school(form.to_data(), by=current_user)
        except services.ComplianceError as exc:
            show_error(form, exc)
            return render_form("compliance/school_form.html", form, status=400, school=None)
        flash(_("De school %(name)s is aangemeld. Vul nu de vertrouwenspersoon en de locaties in.", name=school.name),
              "success")
        return redirect(url_for("compliance.school", school_id=school.id), 303)
    return render_form("compliance/school_form.html", form, school=None)


@bp.get("/scholen/<int:school_id>")
def school(school_id):
    school = school_or_404(school_id)
    return render_template("compliance/school.html", school=school, points=reporting_points(school.school_type),
                           action_form=EmptyForm(), changes=services.pending_changes(school))


@bp.route("/scholen/<int:school_id>/gegevens", methods=["GET", "POST"])
def edit_school(school_id):
    school = school_or_404(school_id, edit=True)
    form = SchoolForm(school=school)
    if form.validate_on_submit():
        try:
            notes = services.update_school(school, form.to_data(), by=current_user)
        except services.ComplianceError as exc:
            show_error(form, exc)
            return render_form("compliance/school_form.html", form, status=400, school=school)
        for note in [_("De gegevens van de school zijn opgeslagen."), *notes]:
            flash(note, "success")
        return redirect(url_for("compliance.school", school_id=school.id), 303)
    return render_form("compliance/school_form.html", form, school=school)


@bp.route("/scholen/<int:school_id>/vertrouwenspersoon", methods=["GET", "POST"])
def edit_advisor(school_id):
    school = school_or_404(school_id, edit=True)
    form = AdvisorForm(obj=school)
    if form.validate_on_submit():
        try:
            services.update_advisor(school, form.advisor_name.data, form.advisor_email.data, form.advisor_phone.data,
                                    form.advisor_kind.data, by=current_user)
        except services.ComplianceError as exc:
            show_error(form, exc)
            return render_form("compliance/advisor_form.html", form, status=400, school=school)
        flash(_("De vertrouwenspersoon is opgeslagen."), "success")
        return redirect(url_for("compliance.school", school_id=school.id), 303)
    return render_form("compliance/advisor_form.html", form, school=school)


@bp.route("/scholen/<int:school_id>/locaties/nieuw", methods=["GET", "POST"])
def add_location(school_id):
    school = school_or_404(school_id, edit=True)
    form = LocationForm()
    if form.validate_on_submit():
        location = services.add_location(school, form.name.data, form.address.data, form.postcode.data,
                                         form.city.data, by=current_user)
        if location is None:
            flash(_("De nieuwe locatie is ter goedkeuring naar de alliantie gestuurd: jullie certificaat noemt de "
                    "locaties."), "success")
            return redirect(url_for("compliance.school", school_id=school.id), 303)
        flash(_("Locatie %(name)s toegevoegd. Voeg nu de zalen toe.", name=location.name), "success")
        return redirect(url_for("compliance.edit_location", location_id=location.id), 303)
    return render_form("compliance/location_form.html", form, school=school, location=None)


def _location_or_404(location_id) -> Location:
    location = get_or_404(Location, location_id)
    if not can_edit_school(current_user, location.school):
        abort(403)
    return location


def _render_location(location, form=None, room_form=None, status=None):
    form = form or LocationForm(obj=location, formdata=None)
    room_form = room_form or RoomForm(formdata=None, prefix="room")
    status = status or (400 if form.errors or room_form.errors else 200)
    return render_template("compliance/location.html", form=form, room_form=room_form, location=location,
                           school=location.school, action_form=EmptyForm()), status


@bp.route("/scholen/locaties/<int:location_id>", methods=["GET", "POST"])
def edit_location(location_id):
    location = _location_or_404(location_id)
    form = LocationForm(obj=location)
    if form.validate_on_submit():
        if services.update_location(location, form.name.data, form.address.data, form.postcode.data,
                                    form.city.data, by=current_user):
            flash(_("De locatie is opgeslagen."), "success")
        else:
            flash(_("De wijziging is ter goedkeuring naar de alliantie gestuurd: jullie certificaat noemt deze "
                    "locatie."), "success")
        return redirect(url_for("compliance.edit_location", location_id=location.id), 303)
    return _render_location(location, form=form)


@bp.post("/scholen/locaties/<int:location_id>/verwijderen")
def remove_location(location_id):
    location = _location_or_404(location_id)
    school_id = location.school_id
    if EmptyForm().validate_on_submit():
        if services.remove_location(location, by=current_user):
            flash(_("De locatie is verwijderd."), "success")
        else:
            flash(_("Het verwijderen is ter goedkeuring naar de alliantie gestuurd: jullie certificaat noemt deze "
                    "locatie."), "success")
    return redirect(url_for("compliance.school", school_id=school_id), 303)


@bp.post("/scholen/locaties/<int:location_id>/zalen")
def add_room(location_id):
    location = _location_or_404(location_id)
    room_form = RoomForm(prefix="room")
    if room_form.validate_on_submit():
        room = services.add_room(location, room_form.name.data, room_form.transparency.data, by=current_user)
        flash(_("Zaal %(name)s toegevoegd.", name=room.name), "success")
        return redirect(url_for("compliance.edit_location", location_id=location.id) + "#zalen", 303)
    return _render_location(location, room_form=room_form, status=400)


def _room_or_404(room_id) -> Room:
    room = get_or_404(Room, room_id)
    if not can_edit_school(current_user, room.location.school):
        abort(403)
    return room


@bp.route("/scholen/zalen/<int:room_id>", methods=["GET", "POST"])
def edit_room(room_id):
    room = _room_or_404(room_id)
    form = RoomForm(room=room)
    if form.validate_on_submit():
        services.update_room(room, form.name.data, form.transparency.data, by=current_user)
        flash(_("De zaal is opgeslagen."), "success")
        return redirect(url_for("compliance.edit_location", location_id=room.location_id) + "#zalen", 303)
    return render_form("compliance/room_form.html", form, room=room, location=room.location,
                       school=room.location.school)


@bp.post("/scholen/zalen/<int:room_id>/verwijderen")
def remove_room(room_id):
    room = _room_or_404(room_id)
    location_id = room.location_id
    if EmptyForm().validate_on_submit():
        services.remove_room(room, by=current_user)
        flash(_("De zaal is verwijderd."), "success")
    return redirect(url_for("compliance.edit_location", location_id=location_id) + "#zalen", 303)
