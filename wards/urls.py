from django.urls import path

from wards.views import accounts, audit, calendar, district, mergers, sign_in, two_factor, wards

app_name = "wards"

urlpatterns = [
    path("", district.home, name="home"),
    path("district/", district.overview, name="district_overview"),
    path("wards/", wards.ward_list, name="list"),
    # Before the ward's own pages, whose code would otherwise take "mergers".
    path("wards/mergers/", mergers.merger_list, name="merger_list"),
    path("wards/mergers/new/", mergers.merger_create, name="merger_create"),
    path("wards/<str:code>/", wards.ward_detail, name="detail"),
    path("wards/<str:code>/edit/", wards.ward_edit, name="edit"),
    path("users/", accounts.user_list, name="user_list"),
    path("users/new/", accounts.user_create, name="user_create"),
    path("users/<int:pk>/", accounts.user_edit, name="user_edit"),
    path("users/<int:pk>/password-reset/", accounts.user_password_reset, name="user_password_reset"),
    path("users/<int:pk>/two-factor-reset/", accounts.user_two_factor_reset, name="user_two_factor_reset"),
    path("calendar/", calendar.calendar_page, name="calendar"),
    path("security/lockouts/", sign_in.lockout_list, name="lockout_list"),
    path("security/lockouts/<int:pk>/unlock/", sign_in.lockout_unlock, name="lockout_unlock"),
    path("security/sign-ins/", sign_in.sign_in_log, name="sign_in_log"),
    path("two-factor/enrol/", two_factor.two_factor_enrol, name="two_factor_enrol"),
    path("two-factor/verify/", two_factor.two_factor_verify, name="two_factor_verify"),
    path(
        "two-factor/recovery-codes/", two_factor.two_factor_recovery_codes, name="two_factor_recovery_codes"
    ),
    path("audit/", audit.audit_list, name="audit"),
    path("audit/<str:model>/<int:pk>/", audit.audit_object, name="audit_object"),
]
