from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Role in dxplan"), {"fields": ["role", "organisation", "departments"]}),
    )
    filter_horizontal = [*DjangoUserAdmin.filter_horizontal, "departments"]
    list_display = ["username", "role", "organisation", "is_staff", "is_superuser", "is_active"]
    list_filter = ["role", "organisation", "is_staff", "is_superuser", "is_active"]
