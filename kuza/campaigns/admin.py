from django.contrib import admin

from kuza.campaigns.models import Campaign, CampaignWiki, Participant, UncollectableGap, Wiki


@admin.register(Wiki)
class WikiAdmin(admin.ModelAdmin):
    list_display = ["db_name", "name", "language", "project", "api_url", "recent_changes_days"]
    list_filter = ["project"]
    search_fields = ["db_name", "name", "api_url"]


class CampaignWikiInline(admin.TabularInline):
    model = CampaignWiki
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "hashtag", "start", "end", "is_open", "last_synced_at"]
    search_fields = ["name", "slug", "hashtag"]
    filter_horizontal = ["organisers"]
    inlines = [CampaignWikiInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["wiki_username", "campaign", "user", "hidden_from_leaderboard", "joined_at"]
    list_filter = ["campaign"]
    search_fields = ["wiki_username"]
    raw_id_fields = ["user", "added_by"]


@admin.register(UncollectableGap)
class UncollectableGapAdmin(admin.ModelAdmin):
    list_display = ["campaign", "wiki", "start", "end"]
