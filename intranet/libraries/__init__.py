"""Who and where: the 21 libraries, their clubs, closed days and frozen months."""
