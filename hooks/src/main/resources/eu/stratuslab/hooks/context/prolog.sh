#!/bin/sh
# StratusLab context prolog: intentionally empty (hooks.md §3.7); kept because images call it.
