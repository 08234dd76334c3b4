"""Users, roles, login, registration, password reset and the permission rules."""
