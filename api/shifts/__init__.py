"""Who works when: shifts planned by store managers and HQ, entered one by one or from a CSV."""
