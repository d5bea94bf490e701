"""Browser routes of the lawyer's workspace (namespace ``workspace:``)."""

from django.urls import include, path

from workspace import views

routes = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("board/", views.board, name="board"),
    path("board/<int:matter_id>/move/", views.board_move, name="board_move"),
    path("reports/ledger.xlsx", views.ledger_xlsx, name="ledger_xlsx"),
    path("reports/ageing/", views.ageing, name="ageing"),
    path("reports/ageing.xlsx", views.ageing_xlsx, name="ageing_xlsx"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/badge/", views.notification_badge, name="notification_badge"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:notification_id>/read/", views.notification_read, name="notification_read"),
]

urlpatterns = [path("", include((routes, "workspace")))]
