/** The parts of the EventBridge Scheduler SDK the job scheduler calls, loaded on first use (see on-first-use.ts). */
export {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
