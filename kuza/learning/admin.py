"""Authoring in the admin. Images are uploaded from the lesson's "Add images" page, which
resizes and compresses them, so the admin only lists them."""

from django.contrib import admin

from kuza.learning.models import (
    Announcement,
    Cohort,
    CohortSession,
    Course,
    Lesson,
    LessonImage,
    MediaLink,
    Module,
    Option,
    Question,
    Quiz,
)
from kuza.translation.services import translation_sync_source


class ModuleInline(admin.TabularInline):
    model = Module
    fields = ["position", "title"]
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "language", "is_published", "self_paced", "organisation"]
    list_filter = ["is_published", "self_paced", "language"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["olx_key"]
    inlines = [ModuleInline]


class MediaLinkInline(admin.TabularInline):
    model = MediaLink
    extra = 0


class LessonImageInline(admin.TabularInline):
    model = LessonImage
    fields = ["position", "alt_text", "caption", "width", "height", "size_bytes"]
    readonly_fields = ["width", "height", "size_bytes"]
    extra = 0
    max_num = 0  # added through the compressing upload page


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "course", "module", "position"]
    list_filter = ["course"]
    search_fields = ["title"]
    readonly_fields = ["olx_key"]
    inlines = [MediaLinkInline, LessonImageInline]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["title", "course", "lesson", "pass_mark", "max_attempts"]
    list_filter = ["course"]
    readonly_fields = ["olx_key", "source_type"]
    inlines = [QuestionInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Questions are the quiz's translatable parts: re-sync once they are saved.
        translation_sync_source(obj=form.instance)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "quiz", "kind", "position"]
    inlines = [type("OptionInline", (admin.TabularInline,), {"model": Option, "extra": 0})]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        translation_sync_source(obj=form.instance.quiz)


class SessionInline(admin.TabularInline):
    model = CohortSession
    extra = 0


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "course", "starts_on", "ends_on", "is_open"]
    filter_horizontal = ["facilitators"]
    inlines = [SessionInline]


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title", "cohort", "author", "created_at"]
