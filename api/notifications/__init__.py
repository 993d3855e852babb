"""The in-app inbox, and the one door every feature notifies people through."""
