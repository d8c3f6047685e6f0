CREATE TABLE `contest_epochs` (
	`contest_id` text PRIMARY KEY NOT NULL,
	`epoch` integer NOT NULL,
	`owner` text NOT NULL,
	`at` integer NOT NULL
);
