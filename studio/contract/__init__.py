"""What client and server both verify: signatures over decisions, and the approval policy."""
