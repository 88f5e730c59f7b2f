"""Reports: periods, the monthly report cycle, exports and server-made charts."""
