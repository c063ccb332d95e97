from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*(DjangoUserAdmin.fieldsets or ()), (None, {"fields": ["departments"]}))
    filter_horizontal = [*DjangoUserAdmin.filter_horizontal, "departments"]
