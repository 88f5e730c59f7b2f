"""Events: plan, approve, publish and report the programme of the 21 libraries."""
