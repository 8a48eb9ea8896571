"""The expo figures: per expo, hall, booth and day, from the raw rows and the roll-ups."""
